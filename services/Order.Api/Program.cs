using FlashSales.Order.Apis;
using FlashSales.Order.Infrastructure;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.UseServiceDefaults();
app.MapOrdersApi();

await app.MigrateDbContextAsync<OrderDbContext>();
app.Run();

public partial class Program;
