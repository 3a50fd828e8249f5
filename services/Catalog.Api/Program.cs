using FlashSales.Catalog.Apis;
using FlashSales.EntityFrameworkCore.MySql;
using FlashSales.Catalog.Extensions;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddCatalogServices();

var app = builder.Build();

app.UseServiceDefaults();
app.MapProductsApi();
app.MapReservationsApi();
app.MapWaitlistApi();

await app.MigrateDbContextAsync<ProductDbContext>();
app.Run();

public partial class Program;
