using System.Security.Claims;
using FlashSales.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace FlashSales.Identity.Tokens;

/// <summary>Signs a user's short-lived access token: the user's id as <c>sub</c>, their name and roles.</summary>
public sealed class AccessTokenIssuer(TokenSettings settings, IOptions<TokenLifetimes> options, TimeProvider time)
{
    private readonly JsonWebTokenHandler _handler = new();

    public (string Token, DateTime ExpiresAt) Issue(IdentityUser user, IEnumerable<string> roles)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var expires = now + options.Value.AccessTokenLifetime;
        var claims = new List<Claim>
        {
            new(FlashSalesClaims.Subject, user.Id),
            new(FlashSalesClaims.UserName, user.UserName ?? ""),
            new(JwtRegisteredClaimNames.Jti, Guid.NewGuid().ToString("N")),
        };
        claims.AddRange(roles.Select(r => new Claim(FlashSalesClaims.Role, r)));
        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = settings.Issuer,
            Audience = settings.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = expires,
            SigningCredentials = settings.SigningCredentials,
            Subject = new ClaimsIdentity(claims),
        });
        return (token, expires);
    }
}
