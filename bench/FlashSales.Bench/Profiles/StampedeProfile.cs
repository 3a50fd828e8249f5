using System.Collections.Concurrent;
using FlashSales.Bench.Audit;
using FlashSales.Bench.Reporting;

namespace FlashSales.Bench.Profiles;

/// <summary>
/// N buyers watch one event product (their pages open, so their connections are warm) and all order at the opening
/// instant, by the server's clock. Reports the time to sell out and to answer everyone; exactly the stock must sell.
/// </summary>
public static class StampedeProfile
{
    public static async Task<ProfileResult> RunAsync(BenchContext context, CancellationToken ct)
    {
        var s = context.Settings;
        var serverNow = await context.Shop.ServerTimeAsync(ct);
        var clockOffset = serverNow - DateTime.UtcNow;
        var opensAt = serverNow.AddSeconds(s.OpensIn);
        var productId = await context.Shop.CreateEventProductAsync($"Stampede {context.RunId}", s.StampedeStock, opensAt, perUserLimit: 1, ct);
        context.Track(productId, s.StampedeStock);

        using var buyers = context.NewShop(s.Buyers);
        var shoppers = await context.Shoppers.TakeAsync(s.Buyers, ct);
        var answeredAt = new ConcurrentBag<(Outcome Outcome, TimeSpan SinceOpening)>();
        long openingTimestamp = 0;
        var description = $"{s.Buyers:N0} buyers, one event product with {s.StampedeStock} units (per-user limit 1), all ordering at its opening";

        return await ProfileRunner.MeasureAsync(context, "stampede", description, token => ProfileRunner.RunLoadAsync(context,
            $"stampede ({context.Strategy}): {s.Buyers:N0} buyers for {s.StampedeStock} units",
            async (recorder, abort) =>
            {
                // Every buyer's page is open before the sale: one warm connection each.
                await Task.WhenAll(Enumerable.Range(0, s.Buyers).Select(_ => buyers.ViewProductAsync(productId, abort)));
                var untilOpening = opensAt - clockOffset - DateTime.UtcNow;
                if (untilOpening > TimeSpan.Zero) await Task.Delay(untilOpening, abort);
                recorder.Restart();
                openingTimestamp = recorder.StartTimestamp;
                await Task.WhenAll(Enumerable.Range(0, s.Buyers).Select(i => Task.Run(async () =>
                {
                    var started = Stopwatch.GetTimestamp();
                    try
                    {
                        var answer = await buyers.PlaceOrderAsync(shoppers[i], productId, abort);
                        recorder.Record(answer.Outcome, started, answer.OrderId);
                        answeredAt.Add((answer.Outcome, Stopwatch.GetElapsedTime(openingTimestamp)));
                    }
                    catch (OperationCanceledException) when (abort.IsCancellationRequested)
                    {
                    }
                }, CancellationToken.None)));
            },
            () => s.Buyers, token),
            facts: _ => Facts(answeredAt, s.Buyers),
            checks: m => [new AuditCheck($"stampede sells exactly the stock ({s.StampedeStock})",
                m.Recorder.Total(Outcome.Accepted) == s.StampedeStock,
                $"{m.Recorder.Total(Outcome.Accepted)} accepted of {s.StampedeStock} units for {s.Buyers} buyers")],
            ct);
    }

    private static IReadOnlyList<KeyValuePair<string, string>> Facts(ConcurrentBag<(Outcome Outcome, TimeSpan SinceOpening)> answers, int buyers)
    {
        var accepted = answers.Where(a => a.Outcome == Outcome.Accepted).Select(a => a.SinceOpening).DefaultIfEmpty().Max();
        var last = answers.Select(a => a.SinceOpening).DefaultIfEmpty().Max();
        var within1s = answers.Count(a => a.SinceOpening <= TimeSpan.FromSeconds(1));
        return
        [
            new("sold out (last accepted answer) after opening", $"{accepted.TotalMilliseconds:N0} ms"),
            new("every buyer answered after opening", $"{last.TotalMilliseconds:N0} ms ({answers.Count:N0} of {buyers:N0} answered)"),
            new("buyers answered within 1 s of the opening", $"{within1s:N0} of {buyers:N0}"),
            new("answers by reason",
                string.Join(", ", answers.GroupBy(a => a.Outcome).OrderBy(g => g.Key).Select(g => $"{g.Key.Code()} {g.Count():N0}"))),
        ];
    }
}
