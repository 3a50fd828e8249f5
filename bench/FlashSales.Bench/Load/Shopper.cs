using System.Net.Http.Headers;

namespace FlashSales.Bench.Load;

/// <summary>
/// A signed-in virtual shopper: their current access token (renewed through the refresh token before it lapses, as a
/// real client does) goes with each of their requests.
/// </summary>
public sealed class Shopper(string userName)
{
    private volatile Tokens? _tokens;

    public string UserName => userName;

    public AuthenticationHeaderValue Bearer => (_tokens ?? throw new InvalidOperationException($"{userName} is not signed in.")).Bearer;

    public string RefreshToken => _tokens!.Refresh;

    public void SignedIn(string accessToken, string refreshToken) =>
        _tokens = new Tokens(new AuthenticationHeaderValue("Bearer", accessToken), refreshToken);

    private sealed record Tokens(AuthenticationHeaderValue Bearer, string Refresh);
}
