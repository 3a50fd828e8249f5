using System.Security.Claims;
using FlashSales.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;

namespace FlashSales.Identity.Tokens;

/// <summary>Signs a user's short-lived access token: the user's id as <c>sub</c>, their name and roles.</summary>
public sealed class AccessTokenIssuer(TokenSettings settings, IOptions<TokenLifetimes> options, TimeProvider time)
{
    public TimeSpan Lifetime => options.Value.AccessTokenLifetime;

    public (string Token, DateTime ExpiresAt) Issue(IdentityUser user, IEnumerable<string> roles)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var expires = now + Lifetime;
        var claims = new List<Claim>
        {
            new(FlashSalesClaims.Subject, user.Id),
            new(FlashSalesClaims.UserName, user.UserName ?? ""),
            new(JwtRegisteredClaimNames.Jti, Guid.NewGuid().ToString("N")),
        };
        claims.AddRange(roles.Select(r => new Claim(FlashSalesClaims.Role, r)));
        return (settings.CreateToken(claims, now, expires), expires);
    }
}
