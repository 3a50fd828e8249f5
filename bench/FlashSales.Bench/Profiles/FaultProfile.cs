using System.Diagnostics;
using FlashSales.Bench.Audit;
using FlashSales.Bench.Load;
using FlashSales.Bench.Reporting;
using FlashSales.Bench.SystemUnderTest;
using Spectre.Console;

namespace FlashSales.Bench.Profiles;

/// <summary>
/// The fault suite: for each fault, the seed-scenario load at a steady number of virtual users, the fault injected a
/// quarter of the way in, the load kept up to its end, then (once every lease an interrupted request could have left
/// has lapsed) the full audit. Reports when the fault ended and how long until the system served again (the first
/// second after it with orders accepted and no errors). Runs on a system of its own with a short reservation TTL.
/// </summary>
public static class FaultProfile
{
    public static async Task<IReadOnlyList<ProfileResult>> RunAsync(BenchContext context, FaultInjector faults, CancellationToken ct)
    {
        var s = context.Settings;
        var picker = ProductPicker.Uniform(await context.SeedAsync(s.Products, s.Stock, ct));
        var results = new List<ProfileResult>();
        foreach (var fault in s.FaultList)
        {
            var plan = new RampPlan(s.FaultUsers, 1, TimeSpan.FromSeconds(1), s.FaultUsers, s.FaultLoadDuration);
            var injectAt = s.FaultLoadDuration / 4;
            double? began = null, ended = null;
            var description = $"{FaultInjector.Describe(fault)}, {injectAt.TotalSeconds:0} s into {plan}; " +
                              $"{s.Products:N0} products x {s.Stock:N0} stock, uniform, {s.PayShare:P0} paid";
            var result = await ProfileRunner.MeasureAsync(context, $"fault-{fault}", description, token => ProfileRunner.RunLoadAsync(context,
                    $"fault {fault} ({context.Strategy}): {plan}",
                    async (recorder, abort) =>
                    {
                        var load = new ClosedLoopLoad(context.Shop, recorder, picker, context.RunId + fault, s.PayShare).RunAsync(plan, abort);
                        await Task.Delay(injectAt, abort);
                        began = recorder.Elapsed.TotalSeconds;
                        AnsiConsole.MarkupLine($"[yellow]Injecting {fault} at {began:0.0} s[/]");
                        await faults.InjectAsync(fault, abort);
                        ended = recorder.Elapsed.TotalSeconds;
                        AnsiConsole.MarkupLine($"[yellow]{fault} over at {ended:0.0} s[/]");
                        await load;
                    },
                    () => s.FaultUsers, token),
                facts: measured => Facts(measured, began, ended),
                checks: null, ct,
                beforeAudit: async () =>
                {
                    // Requests cut off by the fault may have left leases without an order: they lapse after the TTL
                    // and the lease grace. Judge what is held only then.
                    var wait = s.FaultReservationTtl + s.FaultLeaseGrace + TimeSpan.FromSeconds(10);
                    AnsiConsole.MarkupLine($"Waiting {wait.TotalSeconds:0} s (reservation TTL + lease grace + 10 s) before the audit ...");
                    await Task.Delay(wait, ct);
                });
            results.Add(result);
        }
        return results;
    }

    private static IReadOnlyList<KeyValuePair<string, string>> Facts(ProfileRunner.Measured measured, double? began, double? ended)
    {
        if (began is null || ended is null) return [new("fault", "not injected: the load ended first")];
        var seconds = ResultBuilder.Seconds(measured.Recorder, (int)Math.Ceiling(measured.LoadSeconds), measured.Users);
        var recovered = seconds.FirstOrDefault(x => x.Second >= (int)ended && x.Accepted > 0 && x.Errors == 0);
        var during = seconds.Where(x => x.Second >= (int)began && x.Second <= (int)ended).ToList();
        return
        [
            new("fault", $"injected at {began:0.0} s, over at {ended:0.0} s ({ended - began:0.0} s)"),
            new("recovered", recovered is null ? "not within the load" : $"{Math.Max(0, recovered.Second - ended.Value):0} s after the fault ended (first second with orders accepted and no errors)"),
            new("during the fault", $"{during.Sum(x => x.Requests):N0} requests, {during.Sum(x => x.Accepted):N0} accepted, {during.Sum(x => x.Errors):N0} errors"),
        ];
    }
}
