using FlashSales.Identity.Apis;
using FlashSales.Identity.Infrastructure;
using FlashSales.Identity.Seeding;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.UseForwardedHeaders();
app.UseServiceDefaults();
app.MapIdentityApi();

await app.MigrateDbContextAsync<IdentityDbContext>();
await app.SeedDevelopmentUsersAsync();
app.Run();

public partial class Program;
