using FlashSales.Gateway;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.Services.AddReverseProxy()
    .LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"))
    // Replicas behind one address (Aspire's proxy, a Kubernetes service) are balanced per connection: renewing
    // connections now and then keeps new replicas and restarted ones in the rotation.
    .ConfigureHttpClient((_, handler) => handler.PooledConnectionLifetime = builder.Configuration.GetValue("Gateway:ConnectionLifetime", TimeSpan.FromSeconds(10)))
    .AddServiceDiscoveryDestinationResolver();

var app = builder.Build();

app.UseExceptionHandler();
app.MapDefaultEndpoints();
app.MapReverseProxy(proxy => proxy.UseProxyErrorProblemDetails());

app.Run();
