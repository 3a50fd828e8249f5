using FlashSales.Bench.Reporting;

namespace FlashSales.Bench.Profiles;

/// <summary>
/// The order-load profiles: seed-scenario (the original test: uniform over the catalogue), watched (the same with
/// storefront pages holding live streams open), hot (most orders on a few products) and contended (every order on a
/// few products with deep stock). Closed-loop virtual users by default,
/// or a fixed arrival rate with --rate.
/// </summary>
public static class OrderLoadProfiles
{
    // Enough orders on the watched product that its units change every tick of the live feed, too few to shift the load.
    private const double WatchedShare = 0.01;

    public static async Task<ProfileResult> RunAsync(BenchContext context, string profile, CancellationToken ct)
    {
        var s = context.Settings;
        var (picker, catalogue) = profile switch
        {
            "seed-scenario" => (ProductPicker.Uniform(await context.SeedAsync(s.Products, s.Stock, ct)),
                $"{s.Products:N0} products x {s.Stock:N0} stock, uniform"),
            "watched" => (new ProductPicker([await WatchedProductAsync(context, ct), .. await context.SeedAsync(s.Products, s.Stock, ct)],
                    hotProducts: 1, hotShare: WatchedShare),
                $"{s.Products:N0} products x {s.Stock:N0} stock, uniform, and {WatchedShare:P0} of orders on the event product every " +
                "open page watches"),
            "hot" => (new ProductPicker(await context.SeedAsync(s.Products, s.Stock, ct), s.HotProducts, s.HotShare),
                $"{s.Products:N0} products x {s.Stock:N0} stock, {s.HotShare:P0} of orders on {s.HotProducts}"),
            "contended" => (ProductPicker.Uniform(await context.SeedAsync(s.ContendedProducts, s.ContendedStock, ct)),
                $"{s.ContendedProducts} products x {s.ContendedStock:N0} stock, every order on them"),
            _ => throw new ArgumentOutOfRangeException(nameof(profile)),
        };
        var plan = new RampPlan(s.VusStart, s.RampStep, s.RampInterval, s.VusMax, s.LoadDuration);
        var load = s.Rate is { } rate
            ? $"open loop {rate:N0} orders/s for {s.LoadDuration.TotalSeconds:0} s, {s.ConnectionCount} connections"
            : plan.ToString();
        var description = $"{catalogue}; {load}; quantity 1, fresh Idempotency-Key per order; {s.PayShare:P0} of accepted orders paid";
        // watched: the seed-scenario with storefront pages open, each holding the live stock stream.
        await using var watchers = profile == "watched" ? await LiveWatchers.OpenAsync(context.System.Gateway, s.Watchers, ct) : null;
        if (watchers is not null) description += $"; {watchers.Open:N0} of {s.Watchers:N0} live storefront streams open";
        // Closed loop: a shopper per virtual user. Open loop: arrivals take the shoppers in turn, each about 2 s apart.
        var shoppers = await context.Shoppers.TakeAsync(s.Rate is { } r ? Math.Clamp(2 * r, 100, 10_000) : s.VusMax, ct);

        return await ProfileRunner.MeasureAsync(context, profile, description, token =>
        {
            if (s.Rate is { } perSecond)
            {
                OpenLoopLoad? open = null;
                return ProfileRunner.RunLoadAsync(context, $"{profile} ({context.Strategy}): {load}",
                    (recorder, abort) => (open = new OpenLoopLoad(context.Shop, recorder, picker, shoppers, s.PayShare)).RunAsync(perSecond,
                        s.LoadDuration, abort),
                    () => open?.Outstanding ?? 0, token);
            }
            ClosedLoopLoad? closed = null;
            return ProfileRunner.RunLoadAsync(context, $"{profile} ({context.Strategy}): {load}",
                (recorder, abort) => (closed = new ClosedLoopLoad(context.Shop, recorder, picker, shoppers, s.PayShare)).RunAsync(plan, abort),
                () => closed?.ActiveUsers ?? 0, token);
        }, facts: watchers is null ? null : _ => [new("live stock events received by the open pages", $"{watchers.Events:N0}")],
            checks: null, ct);
    }

    /// <summary>An open event product with stock for the whole run and the highest per-shopper limit there is.</summary>
    private static async Task<Guid> WatchedProductAsync(BenchContext context, CancellationToken ct)
    {
        const int Stock = 5_000_000;
        var id = await context.Shop.CreateEventProductAsync($"Watched {context.RunId}", Stock,
            await context.Shop.ServerTimeAsync(ct), perUserLimit: 1000, ct);
        context.Track(id, Stock);
        return id;
    }
}
