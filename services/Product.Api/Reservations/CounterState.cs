namespace FlashSales.Product.Reservations;

/// <summary>A product's stock counters: units available (null: no counter) and units held per user (non-zero only).</summary>
public sealed record CounterState(long? Available, IReadOnlyDictionary<string, long> Holdings)
{
    public bool SameAs(CounterState other) =>
        Available == other.Available
        && Holdings.Count == other.Holdings.Count
        && Holdings.All(h => other.Holdings.TryGetValue(h.Key, out var units) && units == h.Value);
}
