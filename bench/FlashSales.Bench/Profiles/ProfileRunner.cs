using FlashSales.Bench.Audit;
using FlashSales.Bench.Reporting;
using Spectre.Console;

namespace FlashSales.Bench.Profiles;

/// <summary>
/// What every profile does around its load: CPU and SQL counters before, the load with live progress, an optional
/// abort of the load generator, the wait for quiet, the counters after, then the audit.
/// </summary>
public static class ProfileRunner
{
    public delegate Task LoadRun(RunRecorder recorder, CancellationToken abort);

    public sealed record Measured(RunRecorder Recorder, IReadOnlyDictionary<int, int> Users, double LoadSeconds, bool Aborted);

    /// <summary>Runs the load, following it live; with --abort-after, every request still in flight then is dropped at once.</summary>
    public static async Task<Measured> RunLoadAsync(BenchContext context, string title, LoadRun load, Func<int> users, CancellationToken ct)
    {
        var recorder = new RunRecorder();
        using var abort = CancellationTokenSource.CreateLinkedTokenSource(ct);
        if (context.Settings.AbortAfter is { } seconds) abort.CancelAfter(TimeSpan.FromSeconds(seconds));
        var samples = await LiveProgress.FollowAsync(title, recorder, users, load(recorder, abort.Token));
        var aborted = abort.IsCancellationRequested && !ct.IsCancellationRequested;
        return new Measured(recorder, samples, recorder.Elapsed.TotalSeconds, aborted);
    }

    public static async Task<ProfileResult> MeasureAsync(
        BenchContext context, string profile, string loadDescription, Func<CancellationToken, Task<Measured>> run,
        Func<Measured, IReadOnlyList<KeyValuePair<string, string>>>? facts, Func<Measured, IReadOnlyList<AuditCheck>>? checks, CancellationToken ct,
        IReadOnlyCollection<Guid>? earlierAccepted = null, Func<Task>? beforeAudit = null,
        Func<Task<IReadOnlyList<AuditCheck>>>? checksWhenQuiet = null)
    {
        var system = context.System;
        var cpuBefore = ProcessCpu.Snapshot();
        var sqlBefore = await SqlStatementCounter.ReadAsync(system.MySqlConnectionString, ct);
        var ownBefore = SqlStatementCounter.OwnStatements;

        var measured = await run(ct);

        var extraFacts = new List<KeyValuePair<string, string>>();
        if (measured.Aborted)
        {
            // Let every lease the dropped requests could have left lapse (TTL, then the product service's grace) before
            // judging what is still held.
            var wait = context.Settings.ReservationTtl + context.Settings.LeaseGraceTime + TimeSpan.FromSeconds(15);
            AnsiConsole.MarkupLine(
                $"[yellow]Load generator aborted after {context.Settings.AbortAfter} s; waiting {wait.TotalSeconds:0} s " +
                "(reservation TTL + lease grace + 15 s) before the audit.[/]");
            await Task.Delay(wait, ct);
            extraFacts.Add(new("aborted", $"every connection dropped after {context.Settings.AbortAfter} s; audited {wait.TotalSeconds:0} s later"));
        }

        if (beforeAudit is not null) await beforeAudit();
        extraFacts.InsertRange(0, facts?.Invoke(measured) ?? []);
        AnsiConsole.MarkupLine("Waiting for the system to be quiet, then auditing ...");
        // How long the system works after the last answer (events still relayed and consumed): work a run defers past
        // its load is not in its orders/s, so this says how much of it there was.
        try
        {
            var drained = await context.Quiet.WaitAsync(TimeSpan.FromMinutes(10), ct);
            extraFacts.Add(new("backlog after the load",
                $"quiet {drained.TotalSeconds:0.0} s after the load ended (outboxes relayed, consumers caught up)"));
        }
        catch (TimeoutException) { /* the audit reports it */ }
        var sqlAfter = await SqlStatementCounter.ReadAsync(system.MySqlConnectionString, ct);
        var own = SqlStatementCounter.OwnStatements - ownBefore;
        extraFacts.Add(new("MariaDB",
            $"{sqlAfter.Commits - sqlBefore.Commits:N0} transactions committed (COMMIT statements), " +
            $"{sqlAfter.Deadlocks - sqlBefore.Deadlocks:N0} deadlocks (a transaction rolled back)"));
        var cpu = ProcessCpu.Difference(cpuBefore, ProcessCpu.Snapshot());
        var accepted = earlierAccepted is null ? measured.Recorder.AcceptedOrderIds : [.. earlierAccepted, .. measured.Recorder.AcceptedOrderIds];
        IReadOnlyList<AuditCheck> quietChecks = checksWhenQuiet is null ? [] : await checksWhenQuiet();
        var audit = await context.Auditor.AuditAsync(accepted, context.InitialStock,
            [.. checks?.Invoke(measured) ?? [], .. quietChecks, NoServerErrors(measured.Recorder)], ct);

        var recorder = measured.Recorder;
        return new ProfileResult
        {
            Profile = profile,
            Strategy = context.Strategy,
            System = system.Description,
            Load = loadDescription,
            Ceiling = context.Ceiling,
            LoadSeconds = measured.LoadSeconds,
            Totals = ResultBuilder.Totals(recorder),
            Latency = ResultBuilder.Latency(recorder.Latency),
            Seconds = ResultBuilder.Seconds(recorder, (int)Math.Ceiling(measured.LoadSeconds), measured.Users),
            SqlStatements = sqlAfter.Statements - sqlBefore.Statements - own,
            CpuSeconds = cpu,
            Facts = extraFacts,
            Audit = audit,
        };
    }

    /// <summary>A refusal is a 4xx, or a 503 with Retry-After while something is away: never another 5xx.</summary>
    private static AuditCheck NoServerErrors(RunRecorder recorder)
    {
        var orders = recorder.Total(Outcome.ServerError);
        return new AuditCheck("no 5xx other than 503 (orders and payments)", orders + recorder.PaymentServerErrors == 0,
            $"orders {orders}, payments {recorder.PaymentServerErrors}");
    }
}
