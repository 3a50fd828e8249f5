using FlashSales.Bench.Reporting;

namespace FlashSales.Bench.Profiles;

/// <summary>
/// The order-load profiles: seed-scenario (the original test: uniform over the catalogue), hot (most orders on a few
/// products) and contended (every order on a few products with deep stock). Closed-loop virtual users by default,
/// or a fixed arrival rate with --rate.
/// </summary>
public static class OrderLoadProfiles
{
    public static async Task<ProfileResult> RunAsync(BenchContext context, string profile, CancellationToken ct)
    {
        var s = context.Settings;
        var (picker, catalogue) = profile switch
        {
            "seed-scenario" => (ProductPicker.Uniform(await context.SeedAsync(s.Products, s.Stock, ct)),
                $"{s.Products:N0} products x {s.Stock:N0} stock, uniform"),
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
        }, facts: null, checks: null, ct);
    }
}
