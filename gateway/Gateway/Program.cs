using FlashSales.Gateway;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.Services.AddReverseProxy()
    .LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"))
    .AddServiceDiscoveryDestinationResolver();

var app = builder.Build();

app.UseExceptionHandler();
app.MapDefaultEndpoints();
app.MapReverseProxy(proxy => proxy.UseProxyErrorProblemDetails());

app.Run();
