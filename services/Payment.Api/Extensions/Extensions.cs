using FlashSales.EventBus;
using FlashSales.IntegrationEvents;
using FlashSales.Payment.Gateway;
using FlashSales.Payment.Infrastructure;
using FlashSales.Payment.Orders;
using FlashSales.Payment.Payments;

namespace Microsoft.Extensions.Hosting;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceInfrastructure<PaymentDbContext>("paymentdb")
            .AddSubscription<OrderRefundRequestedIntegrationEvent, RefundRequestedHandler>();

        // Called here, not in a shared library: the validation source generator only sees the endpoints of the
        // project that calls AddValidation.
        builder.Services.AddValidation();
        builder.AddFlashSalesAuthentication();
        builder.Services.AddHttpClient<OrderClient>(c => c.BaseAddress = InternalHttp2.Address("order")).UseHttp2();
        builder.Services.Configure<PaymentSimulatorOptions>(builder.Configuration.GetSection("Payment:Simulator"));
        builder.Services.AddScoped<IPaymentGateway, SimulatedPaymentGateway>();
        builder.Services.Configure<PaymentOptions>(builder.Configuration.GetSection("Payment"));
        builder.Services.AddScoped<PaymentLedger>();
        builder.Services.AddScoped<PaymentSettlement>();
        builder.Services.AddHostedService<PendingPaymentResolver>();
    }
}
