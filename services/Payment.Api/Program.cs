using FlashSales.Payment.Apis;
using FlashSales.Payment.Infrastructure;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.UseServiceDefaults();
app.MapPaymentsApi();

await app.MigrateDbContextAsync<PaymentDbContext>();
app.Run();

public partial class Program;
