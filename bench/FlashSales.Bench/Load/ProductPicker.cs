namespace FlashSales.Bench.Load;

/// <summary>Which product an order goes to: uniformly over a catalogue, or a share of orders on a few hot products.</summary>
public sealed class ProductPicker(IReadOnlyList<Guid> catalogue, int hotProducts = 0, double hotShare = 0)
{
    public Guid Next()
    {
        var random = Random.Shared;
        if (hotProducts > 0 && random.NextDouble() < hotShare) return catalogue[random.Next(hotProducts)];
        return catalogue[random.Next(hotProducts, catalogue.Count)];
    }

    public static ProductPicker Uniform(IReadOnlyList<Guid> catalogue) => new(catalogue);
}
