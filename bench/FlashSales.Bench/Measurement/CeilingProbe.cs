using HdrHistogram;

namespace FlashSales.Bench.Measurement;

/// <summary>What the stack itself allows on this machine, in the same run: a no-I/O GET through the gateway.</summary>
public sealed record Ceiling(int Connections, double Seconds, long Requests, long Errors, double RequestsPerSecond, double P50Ms, double P99Ms)
{
    public override string ToString() =>
        $"{RequestsPerSecond:N0} req/s (GET /api/products/clock through the gateway, {Connections} connections, {Seconds:0} s, " +
        $"p50 {P50Ms:0.0} ms, p99 {P99Ms:0.0} ms)";
}

public static class CeilingProbe
{
    /// <summary>Closed loop on GET /api/products/clock: a warm-up (not counted), then the measured stretch.</summary>
    public static async Task<Ceiling> MeasureAsync(ShopClient shop, int connections, TimeSpan duration, CancellationToken ct)
    {
        await LoopAsync(shop, connections, TimeSpan.FromSeconds(Math.Min(5, duration.TotalSeconds)), null, ct);
        var latency = new LongConcurrentHistogram(1, LatencyRange.MaxMicroseconds, 3);
        var clock = Stopwatch.StartNew();
        var (ok, errors) = await LoopAsync(shop, connections, duration, latency, ct);
        var seconds = clock.Elapsed.TotalSeconds;
        return new Ceiling(connections, seconds, ok, errors, ok / seconds,
            latency.GetValueAtPercentile(50) / 1000.0, latency.GetValueAtPercentile(99) / 1000.0);
    }

    private static async Task<(long Ok, long Errors)> LoopAsync(ShopClient shop, int connections, TimeSpan duration, LongConcurrentHistogram? latency,
        CancellationToken ct)
    {
        long ok = 0, errors = 0;
        var until = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        await Task.WhenAll(Enumerable.Range(0, connections).Select(_ => Task.Run(async () =>
        {
            while (Stopwatch.GetTimestamp() < until && !ct.IsCancellationRequested)
            {
                var started = Stopwatch.GetTimestamp();
                if (await shop.GetClockAsync(ct))
                {
                    Interlocked.Increment(ref ok);
                    latency?.RecordValue(Math.Max(1, (long)Stopwatch.GetElapsedTime(started).TotalMicroseconds));
                }
                else
                {
                    Interlocked.Increment(ref errors);
                }
            }
        }, ct)));
        return (ok, errors);
    }
}
