using System.Collections.Concurrent;
using HdrHistogram;

namespace FlashSales.Bench.Measurement;

/// <summary>
/// Collects a run's results per second of completion: outcomes, latencies (HdrHistogram, microseconds) and the ids
/// of accepted orders, which the audit looks up afterwards. Safe to record from any number of tasks.
/// </summary>
public sealed class RunRecorder
{
    private readonly object _grow = new();
    private SecondBucket[] _seconds = [];
    private readonly ConcurrentQueue<Guid> _acceptedOrderIds = new();

    public RunRecorder() => StartTimestamp = Stopwatch.GetTimestamp();

    public long StartTimestamp { get; private set; }

    /// <summary>Three significant digits over the whole run.</summary>
    public LongConcurrentHistogram Latency { get; } = new(1, LatencyRange.MaxMicroseconds, 3);

    public IReadOnlyCollection<Guid> AcceptedOrderIds => _acceptedOrderIds;

    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(StartTimestamp);

    /// <summary>Starts the clock again (after a warm-up or a wait that should not count).</summary>
    public void Restart() => StartTimestamp = Stopwatch.GetTimestamp();

    /// <param name="intendedStart">When the request should have started: for the open loop its scheduled time, so queueing counts.</param>
    public void Record(Outcome outcome, long intendedStart, Guid? orderId = null)
    {
        var now = Stopwatch.GetTimestamp();
        var micros = Math.Clamp((long)Stopwatch.GetElapsedTime(intendedStart, now).TotalMicroseconds, 1, LatencyRange.MaxMicroseconds);
        var bucket = Bucket(now);
        bucket.Add(outcome);
        bucket.Latency.RecordValue(micros);
        Latency.RecordValue(micros);
        if (orderId is { } id) _acceptedOrderIds.Enqueue(id);
    }

    /// <param name="status">The payment's answer (0: none came).</param>
    public void RecordPayment(int status)
    {
        Bucket(Stopwatch.GetTimestamp()).AddPayment(status == 201);
        if (status >= 500 && status != 503) Interlocked.Increment(ref _paymentServerErrors);
    }

    private long _paymentServerErrors;

    /// <summary>Payments answered with a 5xx other than 503.</summary>
    public long PaymentServerErrors => Interlocked.Read(ref _paymentServerErrors);

    /// <summary>The seconds recorded so far (the last one may still be filling).</summary>
    public IReadOnlyList<SecondBucket> Seconds => Volatile.Read(ref _seconds);

    public long Total(Outcome outcome) => Seconds.Sum(s => s.Count(outcome));

    private SecondBucket Bucket(long timestamp)
    {
        var second = (int)Math.Max(0, Stopwatch.GetElapsedTime(StartTimestamp, timestamp).TotalSeconds);
        var seconds = Volatile.Read(ref _seconds);
        if (second < seconds.Length) return seconds[second];
        lock (_grow)
        {
            if (second >= _seconds.Length)
            {
                var grown = new SecondBucket[Math.Max(second + 1, _seconds.Length * 2)];
                Array.Copy(_seconds, grown, _seconds.Length);
                for (var i = _seconds.Length; i < grown.Length; i++) grown[i] = new SecondBucket();
                Volatile.Write(ref _seconds, grown);
            }
            return _seconds[second];
        }
    }
}
