using FlashSales.Payment.Gateway;
using FlashSales.Payment.Infrastructure;
using FlashSales.Payment.Orders;

namespace Microsoft.Extensions.Hosting;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceInfrastructure<PaymentDbContext>("paymentdb");

        builder.Services.AddHttpClient<OrderClient>(c => c.BaseAddress = new Uri("http://order"));
        builder.Services.Configure<PaymentSimulatorOptions>(builder.Configuration.GetSection("Payment:Simulator"));
        builder.Services.AddSingleton<IPaymentGateway, SimulatedPaymentGateway>();
    }
}
