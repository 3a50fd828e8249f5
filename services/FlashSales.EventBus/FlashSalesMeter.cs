using System.Diagnostics.Metrics;

namespace FlashSales.EventBus;

/// <summary>The meter FlashSales' own instruments are created on, and the one kind of histogram they share.</summary>
public static class FlashSalesMeter
{
    // OpenTelemetry's default buckets stop at 10 s, in steps too coarse below 5 ms.
    private static readonly IReadOnlyList<double> SecondsBuckets =
        [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300];

    public static Meter Create(IMeterFactory meters) => meters.Create(TelemetryNames.Meter);

    /// <summary>A duration in seconds, in buckets from 1 ms to 300 s: a stampede's milliseconds and an outage's minutes both read.</summary>
    public static Histogram<double> CreateSeconds(this Meter meter, string name, string description) =>
        meter.CreateHistogram(name, "s", description, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets });
}
