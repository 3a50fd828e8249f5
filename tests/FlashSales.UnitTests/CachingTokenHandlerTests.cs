using System.Security.Claims;
using FlashSales.Authentication;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace FlashSales.UnitTests;

public sealed class CachingTokenHandlerTests
{
    private static readonly TokenSettings Settings = new("test-issuer", "test-audience",
        new SymmetricSecurityKey(Encoding.UTF8.GetBytes(new string('k', 32))));
    private static readonly TokenValidationParameters Parameters = Settings.ValidationParameters(FlashSalesClaims.Role);

    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly CountingHandler _inner = new();

    [Fact]
    public async Task A_token_is_validated_once_and_each_request_gets_its_own_identity()
    {
        var handler = new CachingTokenHandler(_inner, _time);
        var token = TokenLasting(TimeSpan.FromMinutes(15));

        var first = await handler.ValidateTokenAsync(token, Parameters);
        var second = await handler.ValidateTokenAsync(token, Parameters);

        Assert.True(first.IsValid);
        Assert.True(second.IsValid);
        Assert.Equal(1, _inner.Calls);
        Assert.Equal("user-1", second.ClaimsIdentity.FindFirst(FlashSalesClaims.Subject)?.Value);
        Assert.Equal(first.SecurityToken.Id, second.SecurityToken.Id);

        // A claim added to one request's identity stays in that request.
        second.ClaimsIdentity.AddClaim(new Claim("added", "by-one-request"));
        var third = await handler.ValidateTokenAsync(token, Parameters);
        Assert.Null(third.ClaimsIdentity.FindFirst("added"));
    }

    [Fact]
    public async Task A_remembered_token_is_validated_again_once_it_lapses_beyond_the_clock_skew()
    {
        var handler = new CachingTokenHandler(_inner, _time);
        var token = TokenLasting(TimeSpan.FromMinutes(1));
        Assert.True((await handler.ValidateTokenAsync(token, Parameters)).IsValid);

        _time.Advance(TimeSpan.FromMinutes(1) + Parameters.ClockSkew - TimeSpan.FromSeconds(1));
        await handler.ValidateTokenAsync(token, Parameters);
        Assert.Equal(1, _inner.Calls);

        _time.Advance(TimeSpan.FromSeconds(2));
        await handler.ValidateTokenAsync(token, Parameters);
        Assert.Equal(2, _inner.Calls);
    }

    [Fact]
    public async Task Invalid_tokens_are_never_remembered()
    {
        var handler = new CachingTokenHandler(_inner, _time);
        var token = TokenLasting(TimeSpan.FromMinutes(15));
        var forged = token[..^4] + (token.EndsWith("AAAA") ? "BBBB" : "AAAA");

        for (var i = 0; i < 3; i++) Assert.False((await handler.ValidateTokenAsync(forged, Parameters)).IsValid);

        Assert.Equal(3, _inner.Calls);
    }

    private string TokenLasting(TimeSpan lifetime)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        return Settings.CreateToken([new Claim(FlashSalesClaims.Subject, "user-1"),
            new Claim(JwtRegisteredClaimNames.Jti, Guid.NewGuid().ToString())], now, now + lifetime);
    }

    private sealed class CountingHandler : TokenHandler
    {
        private readonly JsonWebTokenHandler _real = new() { MapInboundClaims = false };

        public int Calls { get; private set; }

        public override Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
        {
            Calls++;
            return _real.ValidateTokenAsync(token, validationParameters);
        }
    }
}
