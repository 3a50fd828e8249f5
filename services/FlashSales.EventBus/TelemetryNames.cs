namespace FlashSales.EventBus;

/// <summary>
/// The activity source and meter that FlashSales' own code (event bus, outbox, services) reports to, and that the
/// service defaults export. Here, in the lowest library every service and the event bus share, so each name has one owner.
/// </summary>
public static class TelemetryNames
{
    public const string ActivitySource = "FlashSales";
    public const string Meter = "FlashSales";

    /// <summary>Histogram buckets for answers that take milliseconds to seconds (OpenTelemetry's default stops at 10 s, in
    /// steps too coarse below 5 ms).</summary>
    public static readonly IReadOnlyList<double> LatencyBuckets =
        [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300];
}
