using FlashSales.EventBus;
using FlashSales.Ordering.Expiry;
using FlashSales.Ordering.IntegrationEvents;
using FlashSales.Ordering.Live;
using FlashSales.Ordering.Placement;
using FlashSales.ServiceInfrastructure;
using FlashSales.Authentication;

namespace FlashSales.Ordering.Extensions;

internal static class OrderingServiceExtensions
{
    public static void AddOrderingServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceInfrastructure<OrderDbContext>("orderdb",
                (sp, options) => options.AddInterceptors(sp.GetRequiredService<OrderStatusChanges>()))
            .AddSubscription<PaymentSucceededIntegrationEvent, PaymentSucceededHandler>()
            .AddSubscription<PaymentFailedIntegrationEvent, PaymentFailedHandler>()
            .AddSubscription<StockShortIntegrationEvent, StockShortHandler>()
            .AddSubscription<PaymentRefundedIntegrationEvent, PaymentRefundedHandler>()
            .AddSubscription<WaitlistClaimGrantedIntegrationEvent, WaitlistClaimHandler>();

        // Called here, not in a shared library: the validation and OpenAPI source generators only see the endpoints
        // (and their XML doc comments) of the project that calls AddValidation and AddOpenApi.
        builder.Services.AddValidation();
        builder.Services.AddOpenApi();
        builder.AddFlashSalesAuthentication();
        builder.Services.Configure<OrderOptions>(builder.Configuration.GetSection("Orders"));
        builder.Services.AddProductReservationsClient();
        builder.Services.AddSingleton<BatchedReservations>();
        builder.Services.AddScoped<OrderPlacement>();
        builder.Services.AddSingleton<OrderMetrics>();
        builder.Services.AddSingleton<OrderWriter>();
        builder.Services.AddSingleton<SoldOutBoard>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<SoldOutBoard>());
        builder.Services.AddHostedService<OrderExpiryWorker>();
        builder.Services.AddSingleton<OrderStatusFeed>();
        builder.Services.AddSingleton<OrderStatusChanges>();
    }
}
