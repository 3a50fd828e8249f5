using System.Diagnostics;
using FlashSales.Bench.Audit;
using FlashSales.Bench.Load;
using FlashSales.Bench.Measurement;
using FlashSales.Bench.Reporting;
using MySqlConnector;
using Spectre.Console;

namespace FlashSales.Bench.Profiles;

/// <summary>
/// The wave after a flash sale, when most claims are never paid: the seed-scenario load at full strength first on its
/// own (baseline), then N unpaid orders are placed, and once their reservations lapse the same load runs again while
/// they are released. Reports how fast they are released and how much of its throughput the load keeps meanwhile.
/// Runs on a system started with a short reservation TTL (--expiry-ttl).
/// </summary>
public static class ExpiryProfile
{
    public static async Task<ProfileResult> RunAsync(BenchContext context, CancellationToken ct)
    {
        var s = context.Settings;
        var picker = ProductPicker.Uniform(await context.SeedAsync(s.Products, s.Stock, ct));
        var steady = new RampPlan(s.VusMax, 1, TimeSpan.FromSeconds(1), s.VusMax, TimeSpan.FromSeconds(s.Quick ? 8 : 60));

        var baseline = await ProfileRunner.RunLoadAsync(context, $"expiry ({context.Strategy}): baseline, {steady}",
            (recorder, abort) => new ClosedLoopLoad(context.Shop, recorder, picker, context.RunId + "base", s.PayShare).RunAsync(steady, abort),
            () => s.VusMax, ct);
        var baselineRate = baseline.Recorder.Total(Outcome.Accepted) / baseline.LoadSeconds;

        var target = s.ExpiryOrderCount;
        long placed = 0;
        DateTime firstLapse = DateTime.MaxValue, lastLapse = DateTime.MinValue;
        var lapses = new object();
        var placing = new RampPlan(s.VusMax, 1, TimeSpan.FromSeconds(1), s.VusMax, TimeSpan.FromMinutes(30));
        var placement = await ProfileRunner.RunLoadAsync(context, $"expiry ({context.Strategy}): placing {target:N0} unpaid orders",
            (recorder, abort) => new ClosedLoopLoad(context.Shop, recorder, picker, context.RunId + "lapse", payShare: 0).RunAsync(placing, abort,
                stopWhen: () => Interlocked.Read(ref placed) >= target,
                onAnswer: answer =>
                {
                    if (answer.ExpiresAt is not { } expires) return;
                    Interlocked.Increment(ref placed);
                    lock (lapses)
                    {
                        if (expires < firstLapse) firstLapse = expires;
                        if (expires > lastLapse) lastLapse = expires;
                    }
                }),
            () => s.VusMax, ct);
        var placedCount = placement.Recorder.Total(Outcome.Accepted);

        var untilLapse = firstLapse - await context.Shop.ServerTimeAsync(ct);
        var lapsedDuringPlacement = untilLapse <= TimeSpan.Zero;
        if (!lapsedDuringPlacement)
        {
            AnsiConsole.MarkupLine($"Waiting {untilLapse.TotalSeconds:0} s until the first of {placedCount:N0} reservations lapses ...");
            await Task.Delay(untilLapse, ct);
        }

        var releases = new List<(double Second, long Pending)>();
        double? allExpiredAfter = null;
        var lastWaveLapse = DateTime.MinValue;
        var maxWave = TimeSpan.FromSeconds(s.Quick ? 90 : 900);
        var description = $"{placedCount:N0} unpaid orders lapsing (TTL {s.ExpiryReservationTtl.TotalSeconds:0} s) under {steady.Max} virtual users " +
                          $"(seed-scenario load: {s.Products:N0} products x {s.Stock:N0} stock, uniform, {s.PayShare:P0} paid)";
        return await ProfileRunner.MeasureAsync(context, "expiry", description, token => ProfileRunner.RunLoadAsync(context,
                $"expiry ({context.Strategy}): the wave, {placedCount:N0} orders lapsing",
                async (recorder, abort) =>
                {
                    // Ends like a real load does, letting requests under way finish: dropping them would be a client
                    // disconnect, which the audit judges separately (--abort-after).
                    var allExpired = false;
                    var wave = new ClosedLoopLoad(context.Shop, recorder, picker, context.RunId + "wave", s.PayShare)
                        .RunAsync(steady with { Duration = maxWave }, abort, stopWhen: () => Volatile.Read(ref allExpired), onAnswer: answer =>
                        {
                            if (answer.ExpiresAt is not { } expires) return;
                            lock (lapses) if (expires > lastWaveLapse) lastWaveLapse = expires;
                        });
                    var clock = Stopwatch.StartNew();
                    while (!wave.IsCompleted)
                    {
                        var pending = await PendingAsync(context, firstLapse, lastLapse, abort);
                        releases.Add((clock.Elapsed.TotalSeconds, pending));
                        if (pending == 0)
                        {
                            allExpiredAfter = clock.Elapsed.TotalSeconds;
                            Volatile.Write(ref allExpired, true);
                            break;
                        }
                        await Task.WhenAny(wave, Task.Delay(1000, abort));
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
                    new("release rate (lapsed orders expired, from first lapse until none Pending)", allExpiredAfter is { } after
                        ? $"{placedCount / after:N0} orders/s (all {placedCount:N0} in {after:0.0} s)"
                        : $"not all expired within {maxWave.TotalSeconds:0} s: {releases.LastOrDefault().Pending:N0} still Pending"),
                    new("accepted orders/s without the wave (baseline)", $"{baselineRate:N0}"),
                    new("accepted orders/s during the wave", $"{waveRate:N0} ({waveRate / baselineRate:P0} of baseline)"),
                    new("still Pending per second", string.Join(" ", releases.Select(r => r.Pending))),
                ];
            },
            checks: _ => [new AuditCheck("every lapsed order expired while the load ran", allExpiredAfter is not null,
                allExpiredAfter is { } t ? $"in {t:0.0} s" : $"{releases.LastOrDefault().Pending:N0} still Pending after {maxWave.TotalSeconds:0} s")],
            ct, earlierAccepted: [.. baseline.Recorder.AcceptedOrderIds, .. placement.Recorder.AcceptedOrderIds],
            beforeAudit: async () =>
            {
                // The wave's own orders lapse too; audit once they all have, not while they are lapsing.
                var wait = lastWaveLapse - await context.Shop.ServerTimeAsync(ct) + TimeSpan.FromSeconds(3);
                if (wait <= TimeSpan.Zero) return;
                AnsiConsole.MarkupLine($"Waiting {wait.TotalSeconds:0} s until the orders placed during the wave have lapsed too ...");
                await Task.Delay(wait, ct);
            });
    }

    private static async Task<long> PendingAsync(BenchContext context, DateTime firstLapse, DateTime lastLapse, CancellationToken ct)
    {
        await using var connection = new MySqlConnection(context.System.MySqlConnectionString);
        await connection.OpenAsync(ct);
        await using var command = new MySqlCommand(
            $"SELECT COUNT(*) FROM {AuditSnapshotReader.OrderDb}.orders WHERE Status = 'Pending' AND ExpiresAt BETWEEN @first AND @last", connection);
        // ExpiresAt is stored at microsecond precision; widen by a millisecond each side for the answer's rounding.
        command.Parameters.AddWithValue("@first", firstLapse.AddMilliseconds(-1));
        command.Parameters.AddWithValue("@last", lastLapse.AddMilliseconds(1));
        SqlStatementCounter.CountOwn(1);
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct));
    }
}
