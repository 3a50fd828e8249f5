using FlashSales.Gateway;
using FlashSales.Gateway.RateLimiting;
using FlashSales.Authentication;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddFlashSalesAuthentication();
builder.Services.AddGatewayRateLimiting(builder.Configuration);
builder.Services.AddReverseProxy()
    .LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"))
    // Replicas behind one address (Aspire's proxy, a Kubernetes service) are balanced per connection: renewing
    // connections now and then keeps new replicas and restarted ones in the rotation.
    .ConfigureHttpClient((_, handler) => handler.PooledConnectionLifetime = builder.Configuration.GetValue("Gateway:ConnectionLifetime",
        TimeSpan.FromSeconds(10)))
    .AddServiceDiscoveryDestinationResolver();

var app = builder.Build();

app.UseExceptionHandler();
// The gateway's own answers (no route: 404, wrong method: 405, no token: 401) are ProblemDetails too.
app.UseStatusCodePages();
// The storefront (wwwroot): one address serves the shoppers' page and the API it calls.
app.UseStorefront();
app.UseRequestBodyLimit();
app.MapDefaultEndpoints();
app.UseAuthentication();
app.UseRateLimiter();
app.UseAuthorization();
app.MapReverseProxy(proxy =>
{
    proxy.UseProxyErrorProblemDetails();
    proxy.UseRequestBodyBuffering();
});

app.Run();

public partial class Program;
