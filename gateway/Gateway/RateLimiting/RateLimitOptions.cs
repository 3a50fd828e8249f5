namespace FlashSales.Gateway.RateLimiting;

/// <summary>
/// RateLimits:* — what the gateway lets through before the services see a request. Every limit answers 429 with
/// Retry-After rather than queueing; the benchmark sets what it needs and its report says so.
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Requests the gateway works on at once; beyond it load is shed, so a flood cannot queue into timeouts.</summary>
    public int GlobalConcurrency { get; set; } = 4000;

    /// <summary>Every request of a signed-in user: a burst of 20, then 10 a second.</summary>
    public TokenBucket PerUser { get; set; } = new() { TokenLimit = 20, TokensPerPeriod = 10, Period = TimeSpan.FromSeconds(1) };

    /// <summary>Orders one user may have in flight at once (a bot's burst of parallel orders gets 429s).</summary>
    public int OrdersInFlightPerUser { get; set; } = 1;

    /// <summary>Anonymous requests (browsing the catalogue) per client IP.</summary>
    public TokenBucket PerIp { get; set; } = new() { TokenLimit = 200, TokensPerPeriod = 100, Period = TimeSpan.FromSeconds(1) };

    /// <summary>Registration, sign-in and refresh per client IP: slows password guessing and mass sign-ups.</summary>
    public TokenBucket SignInPerIp { get; set; } = new() { TokenLimit = 20, TokensPerPeriod = 10, Period = TimeSpan.FromMinutes(1) };

    public sealed class TokenBucket
    {
        public int TokenLimit { get; set; }
        public int TokensPerPeriod { get; set; }
        public TimeSpan Period { get; set; }
    }
}
