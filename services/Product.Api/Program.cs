using FlashSales.Product.Apis;
using FlashSales.Product.Infrastructure;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.UseServiceDefaults();
app.MapProductsApi();
app.MapReservationsApi();

await app.MigrateDbContextAsync<ProductDbContext>();
app.Run();

public partial class Program;
