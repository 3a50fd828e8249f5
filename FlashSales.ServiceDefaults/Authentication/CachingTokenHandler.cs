using System.Security.Claims;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.IdentityModel.Tokens;

namespace FlashSales.Authentication;

/// <summary>
/// Validates a token once and remembers the outcome until the token lapses. A shopper sends the same access token with
/// every request for up to 15 minutes, and the order service the same service credential for 5: parsing it, checking its
/// signature and building its claims again at every hop of every order is CPU the order path needs (docs/performance.md).
/// Only valid tokens are remembered, keyed by the whole token string, and only until their expiry plus the allowed clock
/// skew, exactly when <paramref name="inner"/> would start refusing them. Every request gets its own copy of the identity.
/// </summary>
public sealed class CachingTokenHandler(TokenHandler inner, TimeProvider time, int capacity = CachingTokenHandler.DefaultCapacity) : TokenHandler
{
    public const int DefaultCapacity = 20_000;

    private readonly MemoryCache _validated = new(new MemoryCacheOptions { SizeLimit = capacity });

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        var now = time.GetUtcNow().UtcDateTime;
        if (_validated.TryGetValue(token, out ValidatedToken? hit) && now < hit!.GoodUntil)
        {
            return new TokenValidationResult
            {
                IsValid = true,
                ClaimsIdentity = hit.Identity.Clone(),
                SecurityToken = hit.Token,
                Issuer = hit.Token.Issuer,
            };
        }

        var result = await inner.ValidateTokenAsync(token, validationParameters);
        if (result.IsValid && result.SecurityToken is { } validated)
        {
            var goodUntil = validated.ValidTo + validationParameters.ClockSkew;
            if (now < goodUntil)
            {
                _validated.Set(token, new ValidatedToken(result.ClaimsIdentity.Clone(), validated, goodUntil),
                    new MemoryCacheEntryOptions { Size = 1, AbsoluteExpiration = goodUntil });
            }
        }
        return result;
    }

    private sealed record ValidatedToken(ClaimsIdentity Identity, SecurityToken Token, DateTime GoodUntil);
}
