using FlashSales.Payment.Gateway;
using FlashSales.Payment.Infrastructure;
using FlashSales.Payment.Orders;
using Medallion.Threading;
using Medallion.Threading.Redis;
using StackExchange.Redis;

namespace Microsoft.Extensions.Hosting;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddMySqlDbContext<PaymentDbContext>("paymentdb");
        builder.AddOutboxRelay<PaymentDbContext>();
        builder.AddRedisClient("redis");
        builder.AddKafkaEventBus("kafka");
        builder.Services.AddValidation();

        builder.Services.AddHttpClient<OrderClient>(c => c.BaseAddress = new Uri("http://order"));
        builder.Services.Configure<PaymentSimulatorOptions>(builder.Configuration.GetSection("Payment:Simulator"));
        builder.Services.AddSingleton<IPaymentGateway, SimulatedPaymentGateway>();
        builder.Services.AddSingleton<IDistributedLockProvider>(sp =>
            new RedisDistributedSynchronizationProvider(sp.GetRequiredService<IConnectionMultiplexer>().GetDatabase()));
    }
}
