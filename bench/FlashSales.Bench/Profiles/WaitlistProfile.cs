using System.Collections.Concurrent;
using FlashSales.Bench.Audit;
using FlashSales.Bench.Reporting;
using MySqlConnector;

namespace FlashSales.Bench.Profiles;

/// <summary>
/// Claims lapsing while a waitlist exists: event products are claimed whole and never paid, twice as many shoppers as
/// units join their waitlists, and each offer that reaches a waitlisted shopper is paid by every other one (the rest
/// lapse and pass on). Runs until every product settled (nothing held, nobody waiting for a unit on sale); the audit
/// then follows every unit that came back.
/// </summary>
public static class WaitlistProfile
{
    public static async Task<ProfileResult> RunAsync(BenchContext context, CancellationToken ct)
    {
        var s = context.Settings;
        var (productCount, units) = (s.WaitlistProducts, s.WaitlistStock);
        var waitersPerProduct = 2 * units;
        var opensAt = await context.Shop.ServerTimeAsync(ct);
        var products = new List<Guid>();
        for (var i = 0; i < productCount; i++)
        {
            products.Add(await context.Shop.CreateEventProductAsync($"Waitlist {context.RunId} {i}", units, opensAt, perUserLimit: 1, ct));
            context.Track(products[^1], units);
        }
        var everyone = await context.Shoppers.TakeAsync(productCount * (units + waitersPerProduct), ct);
        var holders = everyone.Take(productCount * units).ToList();
        var waiters = everyone.Skip(productCount * units).ToList();
        var joined = 0;
        var offers = new ConcurrentDictionary<Guid, bool>();
        double? settledAfter = null;
        var deadline = TimeSpan.FromSeconds(s.Quick ? 180 : 900);
        var description = $"{productCount} event products x {units} units claimed and never paid; {waitersPerProduct} shoppers " +
            "waiting for each; every other offer paid, the rest left to lapse";

        return await ProfileRunner.MeasureAsync(context, "waitlist", description, token => ProfileRunner.RunLoadAsync(context,
            $"waitlist ({context.Strategy}): {waiters.Count} shoppers waiting for {productCount * units} units",
            async (recorder, abort) =>
            {
                await Task.WhenAll(holders.Select((holder, i) => Task.Run(async () =>
                {
                    var started = Stopwatch.GetTimestamp();
                    var answer = await context.Shop.PlaceOrderAsync(holder, products[i / units], abort);
                    recorder.Record(answer.Outcome, started, answer.OrderId);
                }, CancellationToken.None)));
                var joins = await Task.WhenAll(waiters.Select((waiter, i) => context.Shop.JoinWaitlistAsync(waiter, products[i % productCount], abort)));
                joined = joins.Count(status => status == 200);

                var clock = Stopwatch.StartNew();
                while (clock.Elapsed < deadline && !abort.IsCancellationRequested)
                {
                    await Parallel.ForEachAsync(waiters.Select((waiter, i) => (waiter, i)),
                        new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = abort },
                        async (w, token) =>
                        {
                            // Every other shopper in each product's line pays.
                            var pays = w.i / productCount % 2 == 0;
                            foreach (var claim in await context.Shop.OrdersAsync(w.waiter, token))
                            {
                                if (claim.Status != "Pending" || !offers.TryAdd(claim.Id, pays)) continue;
                                if (pays) recorder.RecordPayment(await context.Shop.PayAsync(w.waiter, claim.Id, token));
                            }
                        });
                    if (await SettledAsync(context, products, abort))
                    {
                        settledAfter = clock.Elapsed.TotalSeconds;
                        break;
                    }
                    await Task.Delay(1000, abort);
                }
            },
            () => waiters.Count, token),
            facts: _ =>
            [
                new("shoppers on waitlists", $"{joined:N0} of {waiters.Count:N0} joined"),
                new("offers seen by waitlisted shoppers", $"{offers.Count:N0} ({offers.Count(o => o.Value):N0} paid, " +
                    $"{offers.Count(o => !o.Value):N0} left to lapse and pass on)"),
                new("settled (nothing held, nobody waiting for a unit on sale)", settledAfter is { } t
                    ? $"{t:0.0} s after the waitlists filled" : $"not within {deadline.TotalSeconds:0} s"),
            ],
            checks: _ => [new AuditCheck("waitlist: every product settled while the run watched", settledAfter is not null,
                settledAfter is { } t ? $"in {t:0.0} s" : $"not within {deadline.TotalSeconds:0} s")],
            ct,
            checksWhenQuiet: async () =>
                WaitlistAudit.Checks(await WaitlistAudit.ReadAsync(context.System.MySqlConnectionString, products, units, ct)));
    }

    /// <summary>No unit of the products is held any more, and nobody waits for one that is on sale.</summary>
    private static async Task<bool> SettledAsync(BenchContext context, IReadOnlyList<Guid> products, CancellationToken ct)
    {
        var ids = string.Join(",", products.Select(p => $"'{p}'"));
        await using var connection = new MySqlConnection(context.System.MySqlConnectionString);
        await connection.OpenAsync(ct);
        await using var command = new MySqlCommand(
            $"SELECT (SELECT COUNT(*) FROM {AuditSnapshotReader.ProductDb}.products WHERE Id IN ({ids}) AND Reserved > 0) + " +
            $"(SELECT COUNT(*) FROM {AuditSnapshotReader.ProductDb}.waitlist w JOIN {AuditSnapshotReader.ProductDb}.products p " +
            $"ON p.Id = w.ProductId WHERE w.ProductId IN ({ids}) AND w.Status = 'Waiting' AND p.Stock > p.Reserved)", connection);
        SqlStatementCounter.CountOwn(1);
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct)) == 0;
    }
}
