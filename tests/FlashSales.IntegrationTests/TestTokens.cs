using System.Security.Claims;
using System.Text;
using FlashSales.Authentication;
using Microsoft.Extensions.Configuration;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace FlashSales.IntegrationTests;

/// <summary>Tokens made by the test itself: for in-process hosts, and the expired and wrongly signed ones a client must be refused with.</summary>
public static class TestTokens
{
    public const string Issuer = "flashsales-identity";
    public const string Audience = "flashsales";

    /// <summary>The order service's credential at the product service, made with the system's service signing key.</summary>
    public static string OrderService(string serviceSigningKey) =>
        new ServiceCredential(TokenSettings.ForServices(new ConfigurationBuilder()
            .AddInMemoryCollection([new("ServiceAuth:SigningKey", serviceSigningKey)]).Build()), "Ordering.Api", TimeProvider.System).Token;

    public static string User(string signingKey, string userId, DateTime expires, params string[] roles)
    {
        var now = DateTime.UtcNow;
        var claims = new List<Claim> { new(FlashSalesClaims.Subject, userId), new(FlashSalesClaims.UserName, userId) };
        claims.AddRange(roles.Select(r => new Claim(FlashSalesClaims.Role, r)));
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            IssuedAt = expires < now ? expires.AddMinutes(-15) : now,
            NotBefore = expires < now ? expires.AddMinutes(-15) : now,
            Expires = expires,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(signingKey)), SecurityAlgorithms.HmacSha256),
            Subject = new ClaimsIdentity(claims),
        });
    }

    public static string User(string signingKey, string userId, params string[] roles)
        => User(signingKey, userId, DateTime.UtcNow.AddMinutes(15), roles);
}
