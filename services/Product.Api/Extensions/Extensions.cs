using FlashSales.Product.Infrastructure;

namespace Microsoft.Extensions.Hosting;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddMySqlDbContext<ProductDbContext>("productdb");
        builder.AddOutboxRelay<ProductDbContext>();
        builder.AddRedisClient("redis");
        builder.AddKafkaEventBus("kafka");
        builder.Services.AddValidation();
    }
}
