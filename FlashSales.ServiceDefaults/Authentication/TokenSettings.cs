using System.Security.Claims;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace FlashSales.Authentication;

/// <summary>
/// What issuing and validating a kind of token needs: issuer, audience and the HMAC key (an AppHost secret parameter).
/// Shoppers' tokens are read from <c>Jwt</c>, service credentials from <c>ServiceAuth</c>; the two never share a key or
/// an audience, so neither is accepted as the other.
/// </summary>
public sealed record TokenSettings(string Issuer, string Audience, SymmetricSecurityKey Key)
{
    public const string UserSection = "Jwt";
    public const string ServiceSection = "ServiceAuth";

    /// <summary>HS256 wants at least 256 bits of key.</summary>
    private const int MinimumKeyBytes = 32;

    private static readonly JsonWebTokenHandler Handler = new();

    public SigningCredentials SigningCredentials => new(Key, SecurityAlgorithms.HmacSha256);

    /// <summary>A token of this kind (its issuer, audience and key) carrying the claims, good from now until expires.</summary>
    public string CreateToken(IEnumerable<Claim> claims, DateTime now, DateTime expires) => Handler.CreateToken(new SecurityTokenDescriptor
    {
        Issuer = Issuer,
        Audience = Audience,
        IssuedAt = now,
        NotBefore = now,
        Expires = expires,
        SigningCredentials = SigningCredentials,
        Subject = new ClaimsIdentity(claims),
    });

    public static TokenSettings ForUsers(IConfiguration configuration) =>
        Read(configuration, UserSection, "flashsales-identity", "flashsales");

    public static TokenSettings ForServices(IConfiguration configuration) =>
        Read(configuration, ServiceSection, "flashsales-services", "flashsales-internal");

    public static bool IsConfigured(IConfiguration configuration, string section) =>
        !string.IsNullOrEmpty(configuration[$"{section}:SigningKey"]);

    private static TokenSettings Read(IConfiguration configuration, string section, string issuer, string audience)
    {
        var key = configuration[$"{section}:SigningKey"];
        if (string.IsNullOrEmpty(key) || Encoding.UTF8.GetByteCount(key) < MinimumKeyBytes)
        {
            throw new InvalidOperationException(
                $"{section}:SigningKey must be set to a secret of at least {MinimumKeyBytes} bytes (the AppHost passes one).");
        }
        return new TokenSettings(
            configuration[$"{section}:Issuer"] ?? issuer,
            configuration[$"{section}:Audience"] ?? audience,
            new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)));
    }

    public TokenValidationParameters ValidationParameters(string roleClaim) => new()
    {
        ValidIssuer = Issuer,
        ValidAudience = Audience,
        IssuerSigningKey = Key,
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        ValidateIssuer = true,
        ValidateAudience = true,
        ValidateLifetime = true,
        ValidateIssuerSigningKey = true,
        RequireExpirationTime = true,
        RequireSignedTokens = true,
        ClockSkew = TimeSpan.FromSeconds(30),
        NameClaimType = FlashSalesClaims.Subject,
        RoleClaimType = roleClaim,
    };
}
