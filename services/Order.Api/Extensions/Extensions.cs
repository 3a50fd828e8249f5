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
            .AddSubscription<StockShortIntegrationEvent, StockShortHandler>()
            .AddSubscription<PaymentRefundedIntegrationEvent, PaymentRefundedHandler>();

        // Called here, not in a shared library: the validation source generator only sees the endpoints of the
        // project that calls AddValidation.
        builder.Services.AddValidation();
        builder.AddFlashSalesAuthentication();
        builder.Services.Configure<OrderOptions>(builder.Configuration.GetSection("Orders"));
        builder.Services.AddProductReservationsClient();
        builder.Services.AddSingleton<BatchedReservations>();
        builder.Services.AddScoped<OrderPlacement>();
        builder.Services.AddSingleton<OrderWriter>();
        builder.Services.AddSingleton<SoldOutBoard>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<SoldOutBoard>());
        builder.Services.AddHostedService<OrderExpiryWorker>();
    }
}
