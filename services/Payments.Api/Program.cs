using FlashSales.Payments.Apis;
using FlashSales.EntityFrameworkCore.MySql;
using FlashSales.Payments.Extensions;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddPaymentsServices();

var app = builder.Build();

app.UseServiceDefaults();
app.MapPaymentsApi();

await app.MigrateDbContextAsync<PaymentDbContext>();
app.Run();

public partial class Program;
