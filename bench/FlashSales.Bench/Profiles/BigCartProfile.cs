using System.Collections.Concurrent;
using FlashSales.Bench.Audit;
using FlashSales.Bench.Reporting;

namespace FlashSales.Bench.Profiles;

/// <summary>
/// Big carts in a stampede: <see cref="Buyers"/> buyers order at once, nine in ten a cart of every one of
/// <see cref="Products"/> event products, one in ten a single item, in <see cref="Rounds"/> rounds, until the products
/// sell out. A cart's size must not decide its answer: no 5xx, and no 503 without a fault.
/// </summary>
public static class BigCartProfile
{
    public const int Buyers = 200;
    public const int Products = 20;
    public const int Rounds = 3;

    /// <summary>Units per product: the first round's big carts fit, the last round's meet sold-out products.</summary>
    public const int Stock = 300;

    public static async Task<ProfileResult> RunAsync(BenchContext context, CancellationToken ct)
    {
        var serverNow = await context.Shop.ServerTimeAsync(ct);
        var clockOffset = serverNow - DateTime.UtcNow;
        var opensAt = serverNow.AddSeconds(context.Settings.OpensIn);
        var products = new List<Guid>();
        for (var i = 0; i < Products; i++)
        {
            var id = await context.Shop.CreateEventProductAsync($"Cart {i} {context.RunId}", Stock, opensAt, perUserLimit: Rounds, ct);
            context.Track(id, Stock);
            products.Add(id);
        }

        using var buyers = context.NewShop(Buyers);
        var shoppers = await context.Shoppers.TakeAsync(Buyers, ct);
        var answers = new ConcurrentBag<(int Items, Outcome Outcome)>();
        var description = $"{Buyers} buyers at once, {Rounds} rounds: nine in ten order one unit of each of {Products} event products " +
                          $"({Stock} units each), one in ten a single item";

        return await ProfileRunner.MeasureAsync(context, "big-carts", description, token => ProfileRunner.RunLoadAsync(context,
            $"big carts ({context.Strategy}): {Buyers} buyers x {Rounds} rounds",
            async (recorder, abort) =>
            {
                var untilOpening = opensAt - clockOffset - DateTime.UtcNow;
                if (untilOpening > TimeSpan.Zero) await Task.Delay(untilOpening, abort);
                recorder.Restart();
                for (var round = 0; round < Rounds; round++)
                {
                    await Task.WhenAll(Enumerable.Range(0, Buyers).Select(i => Task.Run(async () =>
                    {
                        IReadOnlyList<Guid> cart = i % 10 == 0 ? [products[(i / 10 + round) % Products]] : products;
                        var started = Stopwatch.GetTimestamp();
                        var answer = await buyers.PlaceOrderAsync(shoppers[i], cart, abort);
                        recorder.Record(answer.Outcome, started, answer.OrderId);
                        answers.Add((cart.Count, answer.Outcome));
                    }, CancellationToken.None)));
                }
            },
            () => Buyers, token),
            facts: _ => [.. answers.GroupBy(a => a.Items).OrderByDescending(g => g.Key).Select(g => new KeyValuePair<string, string>(
                $"{g.Key}-item orders",
                    string.Join(", ", g.GroupBy(a => a.Outcome).OrderBy(o => o.Key).Select(o => $"{o.Key.Code()} {o.Count():N0}"))))],
            checks: _ =>
            {
                var unavailable = answers.Count(
                    a => a.Outcome is Outcome.StoreUnavailable or Outcome.NotConfirmedInTime or Outcome.Busy or Outcome.Unavailable);
                return [new AuditCheck("every cart answered on its merits (201 or 409), none refused as unavailable for its size", unavailable == 0,
                    $"{unavailable} of {answers.Count} answered 503")];
            },
            ct);
    }
}
