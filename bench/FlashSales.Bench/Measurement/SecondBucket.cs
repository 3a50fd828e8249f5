using HdrHistogram;

namespace FlashSales.Bench.Measurement;

/// <summary>What completed within one second of a run: outcomes by kind and the latency of each order request.</summary>
public sealed class SecondBucket
{
    private readonly long[] _outcomes = new long[OutcomeExtensions.All.Length];
    private long _payments;
    private long _paymentErrors;

    /// <summary>Microseconds, two significant digits: per-second detail stays small; the run's total keeps three.</summary>
    public LongConcurrentHistogram Latency { get; } = new(1, LatencyRange.MaxMicroseconds, 2);

    public void Add(Outcome outcome) => Interlocked.Increment(ref _outcomes[(int)outcome]);

    public void AddPayment(bool ok)
    {
        Interlocked.Increment(ref _payments);
        if (!ok) Interlocked.Increment(ref _paymentErrors);
    }

    public long Count(Outcome outcome) => Interlocked.Read(ref _outcomes[(int)outcome]);
    public long Requests => _outcomes.Sum();
    public long Rejections => OutcomeExtensions.All.Where(o => o.IsRejection()).Sum(Count);
    public long Errors => OutcomeExtensions.All.Where(o => o.IsError()).Sum(Count);
    public long Payments => Interlocked.Read(ref _payments);
    public long PaymentErrors => Interlocked.Read(ref _paymentErrors);
}

public static class LatencyRange
{
    /// <summary>Longest latency recorded: two minutes (longer is clamped; the request timeout is shorter).</summary>
    public const long MaxMicroseconds = 120_000_000;
}
