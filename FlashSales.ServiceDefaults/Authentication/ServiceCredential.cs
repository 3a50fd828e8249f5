using System.Net.Http.Headers;
using System.Security.Claims;

namespace FlashSales.Authentication;

/// <summary>
/// This service's credential for calls to another FlashSales service's internal endpoints: a short-lived token signed
/// with the services' key (ServiceAuth:SigningKey), naming the calling service. Minted once and reused until shortly
/// before it lapses, so a call costs no signing.
/// </summary>
public sealed class ServiceCredential(TokenSettings settings, string serviceName, TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan RenewBefore = TimeSpan.FromMinutes(1);
    private volatile Minted? _current;

    public string Token => Current.Token;

    /// <summary>The Authorization header value, made once per minted token, not once per call.</summary>
    public AuthenticationHeaderValue Bearer => Current.Bearer;

    private Minted Current
    {
        get
        {
            var now = time.GetUtcNow().UtcDateTime;
            var current = _current;
            if (current is null || current.Expires - RenewBefore <= now) _current = current = Mint(now);
            return current;
        }
    }

    private Minted Mint(DateTime now)
    {
        var expires = now + Lifetime;
        var token = settings.CreateToken([new Claim(FlashSalesClaims.Subject, serviceName), new Claim(FlashSalesClaims.Service, serviceName)], now,
            expires);
        return new Minted(token, new AuthenticationHeaderValue("Bearer", token), expires);
    }

    private sealed record Minted(string Token, AuthenticationHeaderValue Bearer, DateTime Expires);
}

/// <summary>Puts this service's credential on every call of the HTTP client it is added to.</summary>
public sealed class ServiceCredentialHandler(ServiceCredential credential) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = credential.Bearer;
        return base.SendAsync(request, cancellationToken);
    }
}
