using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using FlashSales.EventBus;

namespace FlashSales.Catalog.Reservations;

/// <summary>
/// What a shop operator watches of a sale at the product service: how long reserving takes, leases taken, sold, lapsed
/// and released, each event product's available units, and counters repaired.
/// </summary>
public sealed class StockMetrics
{
    private readonly Histogram<double> _reservation;
    private readonly Counter<long> _leases;
    private readonly Counter<long> _repairs;
    private readonly ConcurrentDictionary<Guid, (string Name, long Available)> _available = new();

    public StockMetrics(IMeterFactory meters)
    {
        var meter = FlashSalesMeter.Create(meters);
        _reservation = meter.CreateSeconds("flashsales.stock.reservation.duration",
            "From a reservation request to its answer (the durable lease commit included), by outcome: reserved or the refusal.");
        _leases = meter.CreateCounter<long>("flashsales.stock.leases", "{lease}",
            "Orders' leases by what became of them: taken, sold (confirmed), lapsed (unpaid until it ended), released (order failed or cancelled).");
        _repairs = meter.CreateCounter<long>("flashsales.stock.counter_repairs", "{product}",
            "Products whose Redis counters had drifted from MySQL and were repaired.");
        meter.CreateObservableGauge("flashsales.stock.available", ObserveAvailable, "{unit}",
            "Units of each event product on sale (stock less reserved) as MySQL had them at the last reconciliation.");
    }

    public void Reserved(string outcome, TimeSpan took) => _reservation.Record(took.TotalSeconds,
        new KeyValuePair<string, object?>("outcome", outcome));

    public void Leases(string what, long count)
    {
        if (count > 0) _leases.Add(count, new KeyValuePair<string, object?>("event", what));
    }

    public void CounterRepaired() => _repairs.Add(1);

    /// <summary>The event products' available units, replacing the last reading (a product no longer listed is dropped).</summary>
    public void Available(IReadOnlyDictionary<Guid, (string Name, long Available)> products)
    {
        foreach (var id in _available.Keys.Where(id => !products.ContainsKey(id))) _available.TryRemove(id, out _);
        foreach (var (id, product) in products) _available[id] = product;
    }

    private IEnumerable<Measurement<long>> ObserveAvailable() => _available.Select(p => new Measurement<long>(p.Value.Available,
        new KeyValuePair<string, object?>("product.id", p.Key), new KeyValuePair<string, object?>("product.name", p.Value.Name)));
}
