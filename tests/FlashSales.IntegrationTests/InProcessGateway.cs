using FlashSales.Gateway.RateLimiting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace FlashSales.IntegrationTests;

/// <summary>A gateway of the test's own, in-process, routing to the system's real services, with the given settings.</summary>
internal static class InProcessGateway
{
    public static WebApplicationFactory<RateLimitOptions> Create(FlashSalesApp system, params (string Key, string Value)[] settings) =>
        new WebApplicationFactory<RateLimitOptions>().WithWebHostBuilder(web =>
        {
            web.UseSetting("Jwt:SigningKey", system.JwtSigningKey);
            web.ConfigureLogging(logging => logging.ToFileOnly("gateway-in-process"));
            foreach (var (service, endpoint) in new[] { ("identity", "http"), ("product", "h2c"), ("order", "h2c"), ("payment", "h2c") })
            {
                web.UseSetting($"services:{service}:{endpoint}:0", system.App.GetEndpoint(service, endpoint).ToString());
            }
            foreach (var (key, value) in settings) web.UseSetting(key, value);
        });
}
