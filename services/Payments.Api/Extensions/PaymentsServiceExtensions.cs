using FlashSales.EventBus;
using FlashSales.IntegrationEvents;
using FlashSales.Payments.Processor;
using FlashSales.Payments.Orders;
using FlashSales.Payments.Payments;
using FlashSales.ServiceInfrastructure;
using FlashSales.Authentication;
using FlashSales.ServiceDefaults;

namespace FlashSales.Payments.Extensions;

internal static class PaymentsServiceExtensions
{
    public static void AddPaymentsServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceInfrastructure<PaymentDbContext>("paymentdb")
            .AddSubscription<OrderRefundRequestedIntegrationEvent, RefundRequestedHandler>();

        // Called here, not in a shared library: the validation and OpenAPI source generators only see the endpoints
        // (and their XML doc comments) of the project that calls AddValidation and AddOpenApi.
        builder.Services.AddValidation();
        builder.Services.AddOpenApi();
        builder.AddFlashSalesAuthentication();
        builder.Services.AddHttpClient<OrderClient>(c => c.BaseAddress = InternalHttp2.Address("order")).UseHttp2();
        builder.Services.Configure<PaymentSimulatorOptions>(builder.Configuration.GetSection("Payment:Simulator"));
        builder.Services.AddScoped<IPaymentGateway, SimulatedPaymentGateway>();
        builder.Services.Configure<PaymentOptions>(builder.Configuration.GetSection("Payment"));
        builder.Services.AddScoped<PaymentLedger>();
        builder.Services.AddScoped<PaymentSettlement>();
        builder.Services.AddSingleton<PaymentMetrics>();
        builder.Services.AddHostedService<PendingPaymentResolver>();
    }
}
