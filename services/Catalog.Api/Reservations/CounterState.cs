namespace FlashSales.Catalog.Reservations;

/// <summary>
/// A product's stock counters: units available (null: no counter) and units held per user (non-zero only). Holdings
/// are null where they are not compared: a product without a per-user limit never decides anything on them.
/// </summary>
public sealed record CounterState(long? Available, IReadOnlyDictionary<string, long>? Holdings)
{
    public bool SameAs(CounterState other) =>
        Available == other.Available
        && (Holdings is null || other.Holdings is null
            || (Holdings.Count == other.Holdings.Count && Holdings.All(h => other.Holdings.TryGetValue(h.Key, out var units) && units == h.Value)));
}
