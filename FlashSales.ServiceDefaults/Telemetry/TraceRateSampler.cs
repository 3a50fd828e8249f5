using System.Threading.RateLimiting;
using OpenTelemetry.Trace;

namespace FlashSales.ServiceDefaults.Telemetry;

/// <summary>
/// Starts at most a few traces per second in this process, and every trace while it is quieter than that: what an
/// operator reads on the dashboard costs the same at 10 orders/s as at 2,000. A trace begun upstream is followed as its
/// caller decided (use it as the root sampler of a <see cref="ParentBasedSampler"/>), so every sampled trace is whole.
/// </summary>
public sealed class TraceRateSampler(RateLimiter limiter) : Sampler
{
    private static readonly SamplingResult Sampled = new(SamplingDecision.RecordAndSample);
    private static readonly SamplingResult Dropped = new(SamplingDecision.Drop);

    /// <summary>Up to <paramref name="tracesPerSecond"/> traces each second, and a burst of up to five seconds' worth after a quiet spell.</summary>
    public TraceRateSampler(double tracesPerSecond) : this(new TokenBucketRateLimiter(Bucket(tracesPerSecond)))
    {
    }

    public override SamplingResult ShouldSample(in SamplingParameters samplingParameters)
    {
        using var lease = limiter.AttemptAcquire();
        return lease.IsAcquired ? Sampled : Dropped;
    }

    /// <summary>The token bucket for a rate: whole tokens each replenishment, five seconds' worth at most.</summary>
    public static TokenBucketRateLimiterOptions Bucket(double tracesPerSecond)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(tracesPerSecond);
        // Rates below one per second are one token every 1/rate seconds.
        var period = tracesPerSecond >= 1 ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(1 / tracesPerSecond);
        var perPeriod = (int)Math.Max(1, Math.Round(tracesPerSecond));
        return new TokenBucketRateLimiterOptions
        {
            TokenLimit = (int)Math.Ceiling(5 * tracesPerSecond),
            TokensPerPeriod = perPeriod,
            ReplenishmentPeriod = period,
            AutoReplenishment = true,
            QueueLimit = 0,
        };
    }
}
