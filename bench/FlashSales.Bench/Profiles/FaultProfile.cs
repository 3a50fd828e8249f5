using FlashSales.Bench.Audit;
using FlashSales.Bench.Reporting;
using FlashSales.Bench.SystemUnderTest;
using Spectre.Console;

namespace FlashSales.Bench.Profiles;

/// <summary>
/// The fault suite: for each fault, the seed-scenario load at a steady number of virtual users, the fault injected a
/// quarter of the way in, the load kept up to its end, then (once every lease an interrupted request could have left
/// has lapsed) the full audit. Reports when the fault ended and how long until the system served again (the first
/// second after it with orders accepted and no errors), which must be within <see cref="RecoverWithin"/>; with MariaDB
/// not answering, every order must also be answered within <see cref="FailFastWithin"/>. Runs on a system of its own
/// with a short reservation TTL.
/// </summary>
public static class FaultProfile
{
    public static readonly TimeSpan RecoverWithin = TimeSpan.FromSeconds(10);

    /// <summary>The load goes on at least this long after the fault ended, so that recovery can be seen.</summary>
    public static readonly TimeSpan LoadAfterFault = TimeSpan.FromSeconds(8);

    /// <summary>Twice what a service waits for a commit before answering "not confirmed in time" (2 s), less a margin.</summary>
    public static readonly TimeSpan FailFastWithin = TimeSpan.FromSeconds(3.5);

    private const int SellOutProducts = 20;
    private const int SellOutStock = 50;

    public static async Task<IReadOnlyList<ProfileResult>> RunAsync(BenchContext context, FaultInjector faults, CancellationToken ct)
    {
        var s = context.Settings;
        var catalogue = ProductPicker.Uniform(await context.SeedAsync(s.Products, s.Stock, ct));
        // The load's shoppers, and the new ones who arrive after client-abort dropped the first.
        var shoppers = await context.Shoppers.TakeAsync(2 * s.FaultUsers, ct);
        var first = shoppers.Take(s.FaultUsers).ToList();
        var arriving = shoppers.Skip(s.FaultUsers).ToList();
        var results = new List<ProfileResult>();
        foreach (var fault in s.FaultList)
        {
            // The product service paused while its products sell out: a few, with little stock, so that confirmations
            // delayed past their leases meet units sold again to others.
            var picker = fault == "product-paused" ? ProductPicker.Uniform(await context.SeedAsync(SellOutProducts, SellOutStock, ct)) : catalogue;
            // Ended by Done, not by the plan's time: at least the load's duration, and LoadAfterFault past the fault.
            var plan = new RampPlan(s.FaultUsers, 1, TimeSpan.FromSeconds(1), s.FaultUsers, s.FaultLoadDuration + TimeSpan.FromMinutes(2));
            var injectAt = s.FaultLoadDuration / 4;
            double? began = null, ended = null;
            RunRecorder? running = null;
            bool Done() => ended is { } end
                && running!.Elapsed.TotalSeconds >= Math.Max(s.FaultLoadDuration.TotalSeconds, end + LoadAfterFault.TotalSeconds);
            var (products, stock) = fault == "product-paused" ? (SellOutProducts, SellOutStock) : (s.Products, s.Stock);
            var description = $"{FaultInjector.Describe(fault)}, {injectAt.TotalSeconds:0} s into {s.FaultUsers} virtual users for " +
                              $"{s.FaultLoadDuration.TotalSeconds:0} s (and at least {LoadAfterFault.TotalSeconds:0} s after the fault's end); " +
                              $"{products:N0} products x {stock:N0} stock, uniform, {s.PayShare:P0} paid";
            var result = await ProfileRunner.MeasureAsync(context, $"fault-{fault}", description, token => ProfileRunner.RunLoadAsync(context,
                    $"fault {fault} ({context.Strategy}): {s.FaultUsers} virtual users",
                    async (recorder, abort) =>
                    {
                        running = recorder;
                        using var clients = CancellationTokenSource.CreateLinkedTokenSource(abort);
                        var load = new ClosedLoopLoad(context.Shop, recorder, picker, first, s.PayShare).RunAsync(plan, clients.Token, Done);
                        await Task.Delay(injectAt, abort);
                        began = recorder.Elapsed.TotalSeconds;
                        AnsiConsole.MarkupLine($"[yellow]Injecting {fault} at {began:0.0} s[/]");
                        await faults.InjectAsync(fault, async () =>
                        {
                            await clients.CancelAsync();
                            await load;
                            // New clients (new shoppers) for the rest of the load: the system must serve them at once.
                            load = new ClosedLoopLoad(context.Shop, recorder, picker, arriving, s.PayShare).RunAsync(plan, abort, Done);
                        }, context.Shop, abort);
                        ended = recorder.Elapsed.TotalSeconds;
                        AnsiConsole.MarkupLine($"[yellow]{fault} over at {ended:0.0} s[/]");
                        await load;
                    },
                    () => s.FaultUsers, token),
                facts: measured => Facts(measured, began, ended),
                checks: measured => Checks(fault, measured, began, ended), ct,
                beforeAudit: async () =>
                {
                    // Requests cut off by the fault may have left leases without an order: they lapse after the TTL
                    // and the lease grace. Judge what is held only then.
                    var wait = s.FaultReservationTtl + s.FaultLeaseGrace + TimeSpan.FromSeconds(5);
                    AnsiConsole.MarkupLine($"Waiting {wait.TotalSeconds:0} s (reservation TTL + lease grace + 5 s) before the audit ...");
                    await Task.Delay(wait, ct);
                });
            results.Add(result);
        }
        return results;
    }

    private static IReadOnlyList<SecondSample> SecondsOf(ProfileRunner.Measured measured) =>
        ResultBuilder.Seconds(measured.Recorder, (int)Math.Ceiling(measured.LoadSeconds), measured.Users);

    private static SecondSample? Recovered(IReadOnlyList<SecondSample> seconds, double ended) =>
        seconds.FirstOrDefault(x => x.Second >= (int)ended && x.Accepted > 0 && x.Errors == 0);

    private static IReadOnlyList<AuditCheck> Checks(string fault, ProfileRunner.Measured measured, double? began, double? ended)
    {
        if (began is null || ended is null) return [new AuditCheck("the fault was injected", false, "the load ended first")];
        var seconds = SecondsOf(measured);
        var recovered = Recovered(seconds, ended.Value);
        var after = recovered is null ? (double?)null : Math.Max(0, recovered.Second - ended.Value);
        var checks = new List<AuditCheck>
        {
            new($"serves again within {RecoverWithin.TotalSeconds:0} s of the fault ending", after <= RecoverWithin.TotalSeconds,
                after is null ? "no second with orders accepted and no errors after the fault" : $"{after:0} s"),
        };
        if (fault == "mysql-unreachable")
        {
            // Answers that completed during the outage and in the seconds after it (one held until the database came
            // back would complete then).
            var slowest = seconds.Where(x => x.Second >= (int)began && x.Second <= (int)ended + 6).Select(x => x.MaxMs).DefaultIfEmpty(0).Max();
            checks.Add(new($"every order answered within {FailFastWithin.TotalSeconds:0.0} s while MariaDB does not answer (fail fast)",
                slowest <= FailFastWithin.TotalMilliseconds, $"slowest answer {slowest:N0} ms"));
        }
        return checks;
    }

    private static IReadOnlyList<KeyValuePair<string, string>> Facts(ProfileRunner.Measured measured, double? began, double? ended)
    {
        if (began is null || ended is null) return [new("fault", "not injected: the load ended first")];
        var seconds = SecondsOf(measured);
        var recovered = Recovered(seconds, ended.Value);
        var during = seconds.Where(x => x.Second >= (int)began && x.Second <= (int)ended).ToList();
        return
        [
            new("fault", $"injected at {began:0.0} s, over at {ended:0.0} s ({ended - began:0.0} s)"),
            new("recovered", recovered is null ? "not within the load"
                : $"{Math.Max(0, recovered.Second - ended.Value):0} s after the fault ended (first second with orders accepted and no errors)"),
            new("during the fault",
                $"{during.Sum(x => x.Requests):N0} requests, {during.Sum(x => x.Accepted):N0} accepted, {during.Sum(x => x.Errors):N0} errors"),
        ];
    }
}
