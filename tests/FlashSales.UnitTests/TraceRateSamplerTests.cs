using System.Diagnostics;
using System.Threading.RateLimiting;
using FlashSales.ServiceDefaults.Telemetry;
using OpenTelemetry.Trace;

namespace FlashSales.UnitTests;

public sealed class TraceRateSamplerTests
{
    [Fact]
    public void Roots_are_sampled_up_to_the_rate_then_dropped_until_the_bucket_refills()
    {
        // Refilled by the test instead of a timer: three traces per "second".
        using var limiter = new Permits(3);
        var sampler = new TraceRateSampler(limiter);

        var first = Enumerable.Range(0, 10).Select(_ => sampler.ShouldSample(Root()).Decision).ToList();
        Assert.Equal(3, first.Count(d => d == SamplingDecision.RecordAndSample));
        Assert.Equal(SamplingDecision.Drop, first[^1]);

        limiter.Refill();
        Assert.Equal(SamplingDecision.RecordAndSample, sampler.ShouldSample(Root()).Decision);
    }

    [Fact]
    public void A_trace_begun_upstream_is_followed_as_its_caller_decided_and_takes_none_of_the_rate()
    {
        using var limiter = new Permits(1);
        var sampler = new ParentBasedSampler(new TraceRateSampler(limiter));

        Assert.Equal(SamplingDecision.RecordAndSample, sampler.ShouldSample(ChildOf(sampled: true)).Decision);
        Assert.Equal(SamplingDecision.Drop, sampler.ShouldSample(ChildOf(sampled: false)).Decision);
        Assert.Equal(SamplingDecision.RecordAndSample, sampler.ShouldSample(Root()).Decision);
        Assert.Equal(SamplingDecision.Drop, sampler.ShouldSample(Root()).Decision);
        Assert.Equal(SamplingDecision.RecordAndSample, sampler.ShouldSample(ChildOf(sampled: true)).Decision);
    }

    [Theory]
    [InlineData(2, 10, 2, 1)]
    [InlineData(0.5, 3, 1, 2)]
    [InlineData(100, 500, 100, 1)]
    public void A_rate_is_a_bucket_of_five_seconds_worth_refilled_each_period(double perSecond, int limit, int perPeriod, int periodSeconds)
    {
        var bucket = TraceRateSampler.Bucket(perSecond);

        Assert.Equal(limit, bucket.TokenLimit);
        Assert.Equal(perPeriod, bucket.TokensPerPeriod);
        Assert.Equal(TimeSpan.FromSeconds(periodSeconds), bucket.ReplenishmentPeriod);
        Assert.True(bucket.AutoReplenishment);
        Assert.Equal(0, bucket.QueueLimit);
    }

    private static SamplingParameters Root() =>
        new(default, ActivityTraceId.CreateRandom(), "POST /api/orders", ActivityKind.Server);

    private static SamplingParameters ChildOf(bool sampled) =>
        new(new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(),
                sampled ? ActivityTraceFlags.Recorded : ActivityTraceFlags.None, isRemote: true),
            ActivityTraceId.CreateRandom(), "POST /api/reservations/batch", ActivityKind.Server);

    /// <summary>A limiter with a fixed number of permits that only the test gives back.</summary>
    private sealed class Permits(int count) : RateLimiter
    {
        private readonly int _count = count;
        private int _left = count;

        public void Refill() => _left = _count;

        public override TimeSpan? IdleDuration => null;

        public override RateLimiterStatistics? GetStatistics() => new() { CurrentAvailablePermits = _left };

        protected override RateLimitLease AttemptAcquireCore(int permitCount)
        {
            if (_left < permitCount) return Lease.Refused;
            _left -= permitCount;
            return Lease.Granted;
        }

        protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
            ValueTask.FromResult(AttemptAcquireCore(permitCount));

        private sealed class Lease(bool acquired) : RateLimitLease
        {
            public static readonly Lease Granted = new(true);
            public static readonly Lease Refused = new(false);

            public override bool IsAcquired => acquired;
            public override IEnumerable<string> MetadataNames => [];

            public override bool TryGetMetadata(string metadataName, out object? metadata)
            {
                metadata = null;
                return false;
            }
        }
    }
}
