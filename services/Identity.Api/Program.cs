using FlashSales.Identity.Apis;
using FlashSales.Identity.Infrastructure;
using FlashSales.Identity.Seeding;
using FlashSales.EntityFrameworkCore.MySql;
using FlashSales.Identity.Extensions;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddIdentityServices();

var app = builder.Build();

app.UseForwardedHeaders();
app.UseServiceDefaults();
app.MapIdentityApi();

await app.MigrateDbContextAsync<IdentityDbContext>();
await app.SeedDevelopmentUsersAsync();
app.Run();

public partial class Program;
