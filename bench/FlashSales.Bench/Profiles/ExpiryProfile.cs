using FlashSales.Bench.Audit;
using FlashSales.Bench.Reporting;
using MySqlConnector;
using Spectre.Console;

namespace FlashSales.Bench.Profiles;

/// <summary>
/// The wave after a flash sale, when most claims are never paid: the seed-scenario load at full strength first on its
/// own (baseline), then N unpaid orders are placed, and once their reservations lapse the same load runs again until
/// all of them are Expired. Reports how fast lapsed orders expire (order side) and their units come back (product
/// side, followed until done), and how much of its throughput the load keeps meanwhile. Runs on a system started
/// with a short reservation TTL (--expiry-ttl).
/// </summary>
public static class ExpiryProfile
{
    public static async Task<ProfileResult> RunAsync(BenchContext context, CancellationToken ct)
    {
        var s = context.Settings;
        var picker = ProductPicker.Uniform(await context.SeedAsync(s.Products, s.Stock, ct));
        var steady = new RampPlan(s.VusMax, 1, TimeSpan.FromSeconds(1), s.VusMax, TimeSpan.FromSeconds(s.Quick ? 8 : 60));
        var shoppers = await context.Shoppers.TakeAsync(s.VusMax, ct);

        var baseline = await ProfileRunner.RunLoadAsync(context, $"expiry ({context.Strategy}): baseline, {steady}",
            (recorder, abort) => new ClosedLoopLoad(context.Shop, recorder, picker, shoppers, s.PayShare).RunAsync(steady, abort),
            () => s.VusMax, ct);
        var baselineRate = baseline.Recorder.Total(Outcome.Accepted) / baseline.LoadSeconds;

        // Every reservation made between these two server times belongs to an order placed to lapse.
        var placing = new PlacedWindow(await context.Shop.ServerTimeAsync(ct));
        var target = s.ExpiryOrderCount;
        var placingPlan = new RampPlan(s.VusMax, 1, TimeSpan.FromSeconds(1), s.VusMax, TimeSpan.FromMinutes(30));
        var placement = await ProfileRunner.RunLoadAsync(context, $"expiry ({context.Strategy}): placing {target:N0} unpaid orders",
            (recorder, abort) => new ClosedLoopLoad(context.Shop, recorder, picker, shoppers, payShare: 0).RunAsync(placingPlan, abort,
                stopWhen: () => placing.Count >= target, onAnswer: placing.Observe),
            () => s.VusMax, ct);
        placing.End = await context.Shop.ServerTimeAsync(ct);
        var placedCount = placement.Recorder.Total(Outcome.Accepted);

        var untilLapse = placing.FirstLapse - await context.Shop.ServerTimeAsync(ct);
        var lapsedDuringPlacement = untilLapse <= TimeSpan.Zero;
        if (!lapsedDuringPlacement)
        {
            AnsiConsole.MarkupLine($"Waiting {untilLapse.TotalSeconds:0} s until the first of {placedCount:N0} reservations lapses ...");
            await Task.Delay(untilLapse, ct);
        }

        var progress = new List<(double Second, long Pending, long Held)>();
        double? expiredAfter = null, releasedAfter = null;
        var waveClock = new Stopwatch();
        var waveOrders = new PlacedWindow(DateTime.MinValue);
        var maxWave = TimeSpan.FromSeconds(s.Quick ? 90 : 1200);
        var description = $"{placedCount:N0} unpaid orders lapsing (TTL {s.ExpiryReservationTtl.TotalSeconds:0} s) " +
            $"under {steady.Max} virtual users " +
                          $"(seed-scenario load: {s.Products:N0} products x {s.Stock:N0} stock, uniform, {s.PayShare:P0} paid)";
        return await ProfileRunner.MeasureAsync(context, "expiry", description, token => ProfileRunner.RunLoadAsync(context,
                $"expiry ({context.Strategy}): the wave, {placedCount:N0} orders lapsing",
                async (recorder, abort) =>
                {
                    // The load runs until every lapsed order is Expired and its units are back (the product service
                    // releases a lease once its grace has passed), and ends like a real one, letting requests under way
                    // finish: dropping them would be a client disconnect, judged separately (--abort-after).
                    var done = false;
                    var wave = new ClosedLoopLoad(context.Shop, recorder, picker, shoppers, s.PayShare)
                        .RunAsync(steady with { Duration = maxWave }, abort, stopWhen: () => Volatile.Read(ref done), onAnswer: waveOrders.Observe);
                    waveClock.Start();
                    while (!wave.IsCompleted && !done)
                    {
                        var (pending, held) = await OutstandingAsync(context, placing, abort);
                        progress.Add((waveClock.Elapsed.TotalSeconds, pending, held));
                        if (pending == 0) expiredAfter ??= waveClock.Elapsed.TotalSeconds;
                        if (pending == 0 && held == 0)
                        {
                            releasedAfter = waveClock.Elapsed.TotalSeconds;
                            Volatile.Write(ref done, true);
                        }
                        else
                        {
                            await Task.WhenAny(wave, Task.Delay(1000, abort));
                        }
                    }
                    await wave;
                },
                () => s.VusMax, token),
            facts: wave =>
            {
                var waveRate = wave.Recorder.Total(Outcome.Accepted) / wave.LoadSeconds;
                return
                [
                    new("unpaid orders placed", $"{placedCount:N0} in {placement.LoadSeconds:0.0} s ({placedCount / placement.LoadSeconds:N0}/s)" +
                                                (lapsedDuringPlacement ? "; the first lapsed before placing ended" : "")),
                    new("release rate: their stock back at the product service, from the first lapse + the lease grace " +
                        $"({s.ExpiryLeaseGrace.TotalSeconds:0} s), under the load",
                        releasedAfter is { } r
                        ? $"{placedCount / Math.Max(r - s.ExpiryLeaseGrace.TotalSeconds, 1):N0} orders/s " +
                            $"(all {placedCount:N0} in {r:0.0} s from the first lapse)"
                        : $"not all released within {maxWave.TotalSeconds:0} s: {progress.LastOrDefault().Held:N0} still held"),
                    new("expiry rate: lapsed orders marked Expired (order side), from the first lapse", expiredAfter is { } e
                        ? $"{placedCount / e:N0} orders/s (all {placedCount:N0} in {e:0.0} s)"
                        : $"not all expired within {maxWave.TotalSeconds:0} s: {progress.LastOrDefault().Pending:N0} still Pending"),
                    new("accepted orders/s without the wave (baseline)", $"{baselineRate:N0}"),
                    new("accepted orders/s during the wave", $"{waveRate:N0} ({waveRate / baselineRate:P0} of baseline)"),
                    new("still Pending / still held, every 10 s",
                        string.Join(" ", progress.Where((_, i) => i % 10 == 0).Select(p => $"{p.Pending}/{p.Held}"))),
                ];
            },
            checks: _ => [new AuditCheck("every lapsed order expired and its stock came back while the load ran", releasedAfter is not null,
                releasedAfter is { } t ? $"expired in {expiredAfter:0.0} s, released in {t:0.0} s from the first lapse"
                    : $"{progress.LastOrDefault().Pending:N0} still Pending, {progress.LastOrDefault().Held:N0} still held " +
                        $"after {maxWave.TotalSeconds:0} s")],
            ct, earlierAccepted: [.. baseline.Recorder.AcceptedOrderIds, .. placement.Recorder.AcceptedOrderIds],
            beforeAudit: async () =>
            {
                // The wave's own orders lapse too; audit once they all have, not while they are lapsing.
                var wait = waveOrders.LastLapse - await context.Shop.ServerTimeAsync(ct) + TimeSpan.FromSeconds(3);
                if (wait <= TimeSpan.Zero) return;
                AnsiConsole.MarkupLine($"Waiting {wait.TotalSeconds:0} s until the orders placed during the wave have lapsed too ...");
                await Task.Delay(wait, ct);
            });
    }

    /// <summary>Placed orders still Pending (order side) and reservations of them still holding stock (product side).</summary>
    private static async Task<(long Pending, long Held)> OutstandingAsync(BenchContext context, PlacedWindow placed, CancellationToken ct)
    {
        await using var connection = new MySqlConnection(context.System.MySqlConnectionString);
        await connection.OpenAsync(ct);
        // ExpiresAt and CreatedAt are stored at microsecond precision; widen by a millisecond each side for rounding.
        await using var command = new MySqlCommand(
            $"SELECT (SELECT COUNT(*) FROM {AuditSnapshotReader.OrderDb}.orders " +
            "WHERE Status = 'Pending' AND ExpiresAt BETWEEN @firstLapse AND @lastLapse), " +
            $"(SELECT COUNT(*) FROM {AuditSnapshotReader.ProductDb}.reservations WHERE Status = 'Reserved' AND CreatedAt BETWEEN @start AND @end)",
                connection);
        command.Parameters.AddWithValue("@firstLapse", placed.FirstLapse.AddMilliseconds(-1));
        command.Parameters.AddWithValue("@lastLapse", placed.LastLapse.AddMilliseconds(1));
        command.Parameters.AddWithValue("@start", placed.Start.AddMilliseconds(-1));
        command.Parameters.AddWithValue("@end", placed.End.AddMilliseconds(1));
        SqlStatementCounter.CountOwn(1);
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    /// <summary>Orders placed in one stretch: how many, when placing began and ended (server time), and when they lapse.</summary>
    private sealed class PlacedWindow(DateTime start)
    {
        private readonly object _gate = new();
        private long _count;

        public DateTime Start { get; } = start;
        public DateTime End { get; set; } = DateTime.MaxValue;
        public DateTime FirstLapse { get; private set; } = DateTime.MaxValue;
        public DateTime LastLapse { get; private set; } = DateTime.MinValue;
        public long Count => Interlocked.Read(ref _count);

        public void Observe(OrderAnswer answer)
        {
            if (answer.ExpiresAt is not { } expires) return;
            Interlocked.Increment(ref _count);
            lock (_gate)
            {
                if (expires < FirstLapse) FirstLapse = expires;
                if (expires > LastLapse) LastLapse = expires;
            }
        }
    }
}
