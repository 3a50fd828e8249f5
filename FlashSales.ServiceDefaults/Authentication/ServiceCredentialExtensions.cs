using FlashSales.Authentication;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace FlashSales.Authentication;

public static class ServiceCredentialExtensions
{
    /// <summary>Calls through this client carry the service's credential (for another service's internal endpoints).</summary>
    public static IHttpClientBuilder AddServiceCredential(this IHttpClientBuilder client)
    {
        client.Services.TryAddSingleton(sp =>
        {
            var configuration = sp.GetRequiredService<IConfiguration>();
            var name = sp.GetRequiredService<IHostEnvironment>().ApplicationName;
            return new ServiceCredential(TokenSettings.ForServices(configuration), name, sp.GetRequiredService<TimeProvider>());
        });
        client.Services.TryAddTransient<ServiceCredentialHandler>();
        return client.AddHttpMessageHandler<ServiceCredentialHandler>();
    }
}
