using System.Diagnostics.Metrics;
using FlashSales.EventBus;

namespace FlashSales.Ordering.Placement;

/// <summary>What a shop operator watches of a sale at the order service: orders accepted and refused, and how long placing takes.</summary>
public sealed class OrderMetrics
{
    private readonly Counter<long> _placed;
    private readonly Histogram<double> _duration;

    public OrderMetrics(IMeterFactory meters)
    {
        var meter = FlashSalesMeter.Create(meters);
        _placed = meter.CreateCounter<long>("flashsales.orders.placed", "{order}",
            "Orders asked for, by outcome: accepted, or the refusal's code (sold_out, limit_exceeded, store_unavailable, ...).");
        _duration = meter.CreateSeconds("flashsales.orders.placement.duration",
            "From the order request to its answer (reservation and durable commit included), by outcome.");
    }

    public void Record(PlacementResult result, TimeSpan took)
    {
        var outcome = new KeyValuePair<string, object?>("outcome",
            result.Refusal?.Extensions.TryGetValue("code", out var code) == true ? code : "accepted");
        _placed.Add(1, outcome);
        _duration.Record(took.TotalSeconds, outcome);
    }
}
