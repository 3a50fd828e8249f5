using FlashSales.Identity.SignIn;
using Microsoft.AspNetCore.HttpOverrides;
using FlashSales.Authentication;
using FlashSales.Identity.Infrastructure;
using FlashSales.Identity.Tokens;
using Microsoft.AspNetCore.Identity;
using FlashSales.EntityFrameworkCore.MySql;

namespace FlashSales.Identity.Extensions;

internal static class IdentityServiceExtensions
{
    public static void AddIdentityServices(this IHostApplicationBuilder builder)
    {
        builder.AddMySqlDbContext<IdentityDbContext>("identitydb");
        builder.AddFlashSalesAuthentication();
        // Called here, not in a shared library: the validation source generator only sees this project's endpoints.
        builder.Services.AddValidation();
        builder.Services.AddOpenApi();

        builder.Services.AddIdentityCore<IdentityUser>(options =>
            {
                options.Password.RequiredLength = 8;
                options.User.RequireUniqueEmail = false;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<IdentityDbContext>()
            .AddSignInManager();
        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton<SignInLockout>();
        // Only the gateway reaches this service, and it sets X-Forwarded-For: failures are counted per shopper's address.
        builder.Services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor;
            o.KnownIPNetworks.Clear();
            o.KnownProxies.Clear();
        });
        // Identity's default (PBKDF2-SHA512, 100,000 iterations) unless configured; the benchmark's throwaway shoppers
        // set fewer and its report says so.
        builder.Services.Configure<PasswordHasherOptions>(o =>
            o.IterationCount = builder.Configuration.GetValue("Identity:PasswordHashIterations", 100_000));

        builder.Services.Configure<TokenLifetimes>(builder.Configuration.GetSection("Tokens"));
        builder.Services.AddSingleton(TokenSettings.ForUsers(builder.Configuration));
        builder.Services.AddSingleton<AccessTokenIssuer>();
        builder.Services.AddScoped<RefreshTokenStore>();
    }
}
