using FlashSales.IntegrationEvents;
using FlashSales.Order.Catalog;
using FlashSales.Order.Infrastructure;
using FlashSales.Order.IntegrationEvents;
using FlashSales.EventBus;

namespace Microsoft.Extensions.Hosting;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddMySqlDbContext<OrderDbContext>("orderdb");
        builder.AddOutboxRelay<OrderDbContext>();
        builder.AddRedisClient("redis");
        builder.AddKafkaEventBus("kafka")
            .AddSubscription<PaymentSucceededIntegrationEvent, PaymentSucceededHandler>()
            .AddSubscription<PaymentFailedIntegrationEvent, PaymentFailedHandler>();
        builder.Services.AddValidation();

        builder.Services.AddHttpClient<ProductCatalogClient>(c => c.BaseAddress = new Uri("http://product"));
    }
}
