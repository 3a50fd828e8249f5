using FlashSales.Authentication;
using Microsoft.AspNetCore.Identity;

namespace FlashSales.Identity.Seeding;

/// <summary>
/// In Development: the admin ("admin") and two demo shoppers ("alice", "bob"), with the passwords the AppHost hands over
/// (Identity:Seed:AdminPassword, Identity:Seed:ShopperPassword: generated secret parameters, never committed). A
/// password changed in configuration is set again at the next start.
/// </summary>
public static class DevelopmentUsers
{
    public const string AdminUserName = "admin";
    public static readonly string[] ShopperUserNames = ["alice", "bob"];

    public static async Task SeedDevelopmentUsersAsync(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment()) return;
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        var configuration = app.Configuration;

        if (!await roles.RoleExistsAsync(FlashSalesClaims.AdminRole)) Ensure(await roles.CreateAsync(new IdentityRole(FlashSalesClaims.AdminRole)));
        if (configuration["Identity:Seed:AdminPassword"] is { Length: > 0 } adminPassword)
        {
            var admin = await EnsureUserAsync(users, AdminUserName, adminPassword);
            if (!await users.IsInRoleAsync(admin, FlashSalesClaims.AdminRole)) Ensure(await users.AddToRoleAsync(admin, FlashSalesClaims.AdminRole));
        }
        if (configuration["Identity:Seed:ShopperPassword"] is { Length: > 0 } shopperPassword)
        {
            foreach (var name in ShopperUserNames) await EnsureUserAsync(users, name, shopperPassword);
        }
    }

    private static async Task<IdentityUser> EnsureUserAsync(UserManager<IdentityUser> users, string userName, string password)
    {
        var user = await users.FindByNameAsync(userName);
        if (user is null)
        {
            user = new IdentityUser(userName);
            Ensure(await users.CreateAsync(user, password));
        }
        else if (!await users.CheckPasswordAsync(user, password))
        {
            Ensure(await users.RemovePasswordAsync(user));
            Ensure(await users.AddPasswordAsync(user, password));
        }
        return user;
    }

    private static void Ensure(IdentityResult result)
    {
        if (!result.Succeeded) throw new InvalidOperationException(
            $"Seeding users failed: {string.Join("; ", result.Errors.Select(e => e.Description))}");
    }
}
