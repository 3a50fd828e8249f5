using FlashSales.Bench.Profiles;
using FlashSales.Bench.Reporting;
using FlashSales.Bench.SystemUnderTest;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FlashSales.Bench.Cli;

/// <summary>
/// For each strategy: a fresh system, the ceiling, then each profile with its audit. Exits non-zero when any audit
/// fails, and ends with the line "audit: N passed, N failed".
/// </summary>
public sealed class BenchCommand : AsyncCommand<BenchSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, BenchSettings settings, CancellationToken cancellation)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
        var ct = stop.Token;

        var machine = Machine.Current();
        var command = "dotnet run -c Release --project bench/FlashSales.Bench --" + string.Concat(context.Arguments.Select(a => " " + a));
        var writer = new ReportWriter(settings.Out ?? Path.Combine(RepositoryRoot(), "bench", "results"), command, machine);
        AnsiConsole.MarkupLine($"[bold]FlashSales benchmark[/] on {Markup.Escape(machine.ToString())}");
        if (AppHostSystem.BuildConfiguration != "Release" && settings.Target is null)
            AnsiConsole.MarkupLine("[yellow]This is a Debug build: numbers are not comparable. Use dotnet run -c Release.[/]");

        var results = new List<ProfileResult>();
        var loadProfiles = settings.ProfileList.Where(p => p is not ("expiry" or "waitlist" or "faults")).ToList();
        foreach (var strategy in settings.StrategyList)
        {
            if (loadProfiles.Count > 0)
            {
                await OnFreshSystemAsync(settings, strategy, settings.ReservationTtl, async bench =>
                {
                    foreach (var profile in loadProfiles)
                    {
                        results.Add(profile switch
                        {
                            "stampede" => await StampedeProfile.RunAsync(bench, ct),
                            "big-carts" => await BigCartProfile.RunAsync(bench, ct),
                            _ => await OrderLoadProfiles.RunAsync(bench, profile, ct),
                        });
                        Report(results[^1]);
                        await writer.WriteAsync(results);
                    }
                }, ct);
            }
            if (settings.ProfileList.Contains("expiry"))
            {
                await OnFreshSystemAsync(settings, strategy, settings.ExpiryReservationTtl, async bench =>
                {
                    results.Add(await ExpiryProfile.RunAsync(bench, ct));
                    Report(results[^1]);
                    await writer.WriteAsync(results);
                }, ct, settings.ExpiryLeaseGrace);
            }
            // Faults and waitlists share a system whose leases lapse within seconds: a lapse is what each waits for.
            if (settings.ProfileList.Contains("faults") || settings.ProfileList.Contains("waitlist"))
            {
                await OnFreshSystemAsync(settings, strategy, settings.FaultReservationTtl, async bench =>
                {
                    if (settings.ProfileList.Contains("waitlist"))
                    {
                        results.Add(await WaitlistProfile.RunAsync(bench, ct));
                        Report(results[^1]);
                        await writer.WriteAsync(results);
                    }
                    if (!settings.ProfileList.Contains("faults")) return;
                    foreach (var result in await FaultProfile.RunAsync(bench, ((AppHostSystem)bench.System).Faults, ct))
                    {
                        results.Add(result);
                        Report(result);
                    }
                    await writer.WriteAsync(results);
                }, ct, settings.FaultLeaseGrace, BenchSettings.FaultSystemSettings);
            }
        }

        AnsiConsole.WriteLine();
        AnsiConsole.Write(new Markup(Markup.Escape(ReportWriter.Table(results)) + "\n"));
        // Goals, not checks: a target missed is reported with its number and fails nothing.
        foreach (var target in PerformanceTargets.Judge(results))
            AnsiConsole.MarkupLine(Markup.Escape($"target {(target.Met ? "met" : "not met")}: {target.Target}: {target.Measured}"));
        AnsiConsole.MarkupLine($"Results: {Markup.Escape(writer.SummaryDirectory)}");
        var failed = results.Count(r => !r.Audit.Passed);
        Console.WriteLine($"audit: {results.Count - failed} passed, {failed} failed");
        return failed == 0 ? 0 : 1;
    }

    private static async Task OnFreshSystemAsync(
        BenchSettings settings, string strategy, TimeSpan ttl, Func<BenchContext, Task> run, CancellationToken ct, TimeSpan? leaseGrace = null,
        IReadOnlyList<string>? systemSettings = null)
    {
        ISystemUnderTest system;
        if (settings.Target is { } target)
        {
            system = new TargetSystem(new Uri(target), settings.AdminPassword!, settings.MySql!, settings.Redis!, settings.Kafka);
        }
        else
        {
            AnsiConsole.MarkupLine(
                $"Starting the AppHost ({AppHostSystem.BuildConfiguration}, local mode, strategy [bold]{strategy}[/], " +
                $"TTL {ttl.TotalSeconds:0} s) ...");
            var started = await AppHostSystem.StartAsync(strategy, settings.OrderReplicas, ttl, leaseGrace ?? settings.LeaseGraceTime,
                settings.Dashboard, ct, systemSettings);
            AnsiConsole.MarkupLine($"All resources healthy after {started.StartupTime.TotalSeconds:0.0} s; gateway {started.Gateway}");
            system = started;
        }
        await using (system)
        {
            var shop = new ShopClient(system.Gateway, system.AdminPassword, settings.ConnectionCount, TimeSpan.FromSeconds(settings.Timeout));
            AnsiConsole.MarkupLine(
                $"Measuring the ceiling ({settings.ConnectionCount} connections, {settings.CeilingDuration.TotalSeconds:0} s) ...");
            var ceiling = await CeilingProbe.MeasureAsync(shop, settings.ConnectionCount, settings.CeilingDuration, ct);
            AnsiConsole.MarkupLine($"Ceiling: {Markup.Escape(ceiling.ToString())}");
            await using var bench = new BenchContext(settings, strategy, system, shop, ceiling);
            await run(bench);
        }
    }

    private static void Report(ProfileResult r)
    {
        var audit = r.Audit.Passed ? "[green]audit passed[/]" : "[red]AUDIT FAILED[/]";
        AnsiConsole.MarkupLine(
            Markup.Escape($"{r.Profile} ({r.Strategy}): {r.AcceptedPerSecond:N0} accepted/s ({r.AcceptedShareOfCeiling:P1} of ceiling), " +
                                             $"{r.AnsweredPerSecond:N0} answered/s, p99 {r.Latency.P99Ms:N1} ms, errors {r.Totals.Errors:N0}; ")
                                                 + audit);
        foreach (var fact in r.Facts) AnsiConsole.MarkupLine(Markup.Escape($"  {fact.Key}: {fact.Value}"));
        foreach (var check in r.Audit.Checks.Where(
            c => !c.Passed)) AnsiConsole.MarkupLine($"  [red]✗[/] {Markup.Escape($"{check.Name}: {check.Detail}")}");
    }

    /// <summary>The folder holding FlashSales.sln, so results land in bench/results wherever the bench is started from.</summary>
    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "FlashSales.sln"))) return dir.FullName;
        }
        return Directory.GetCurrentDirectory();
    }
}
