namespace Microsoft.Extensions.Hosting;

/// <summary>The activity source and meter that FlashSales' own libraries (event bus, outbox, reservations) report to.</summary>
public static class TelemetryNames
{
    public const string ActivitySource = "FlashSales";
    public const string Meter = "FlashSales";
}
