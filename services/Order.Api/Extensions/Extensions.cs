using FlashSales.EventBus;
using FlashSales.IntegrationEvents;
using FlashSales.Order.Expiry;
using FlashSales.Order.Infrastructure;
using FlashSales.Order.IntegrationEvents;
using FlashSales.Order.Model;
using FlashSales.Order.Reservations;

namespace Microsoft.Extensions.Hosting;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceInfrastructure<OrderDbContext>("orderdb")
            .AddSubscription<PaymentSucceededIntegrationEvent, PaymentSucceededHandler>()
            .AddSubscription<PaymentFailedIntegrationEvent, PaymentFailedHandler>()
            .AddSubscription<StockShortIntegrationEvent, StockShortHandler>();

        // Called here, not in a shared library: the validation source generator only sees the endpoints of the
        // project that calls AddValidation.
        builder.Services.AddValidation();
        builder.Services.Configure<OrderOptions>(builder.Configuration.GetSection("Orders"));
        // Reserving can wait on a hot product's lock (lock strategy); it is idempotent by order id, so retries are safe.
        // A stampede is thousands of reservations at once: they are multiplexed on HTTP/2, not turned away by a
        // client-side concurrency limit.
#pragma warning disable EXTEXP0001 // RemoveAllResilienceHandlers: the supported way to replace the default handler
        builder.Services.AddHttpClient<ProductReservationsClient>(c => c.BaseAddress = InternalHttp2.Address("product"))
            .UseHttp2()
            .RemoveAllResilienceHandlers()
            .AddStandardResilienceHandler(o =>
            {
                o.RateLimiter.DefaultRateLimiterOptions.PermitLimit = 100_000;
                o.AttemptTimeout.Timeout = TimeSpan.FromSeconds(30);
                o.CircuitBreaker.SamplingDuration = TimeSpan.FromSeconds(60);
                o.TotalRequestTimeout.Timeout = TimeSpan.FromSeconds(90);
            });
#pragma warning restore EXTEXP0001
        builder.Services.AddScoped<OrderPlacement>();
        builder.Services.AddSingleton<OrderWriter>();
        builder.Services.AddSingleton<SoldOutBoard>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<SoldOutBoard>());
        builder.Services.AddHostedService<OrderExpiryWorker>();
    }
}
