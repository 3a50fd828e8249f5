namespace FlashSales.EventBus;

/// <summary>
/// The activity source and meter that FlashSales' own code (event bus, outbox, services) reports to, and that the
/// service defaults export. Here, in the lowest library every service and the event bus share, so each name has one owner.
/// </summary>
public static class TelemetryNames
{
    public const string ActivitySource = "FlashSales";
    public const string Meter = "FlashSales";

}
