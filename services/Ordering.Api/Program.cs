using FlashSales.Ordering.Apis;
using FlashSales.EntityFrameworkCore.MySql;
using FlashSales.Ordering.Extensions;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddOrderingServices();

var app = builder.Build();

app.UseServiceDefaults();
app.MapOrdersApi();

await app.MigrateDbContextAsync<OrderDbContext>();
app.Run();

public partial class Program;
