using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace FlashSales.Bench.Reporting;

/// <summary>
/// Writes a run's results: per profile a folder &lt;timestamp&gt;-&lt;profile&gt;/ with result.json, summary.md and
/// charts; and &lt;timestamp&gt;-summary/ with the table of every profile and strategy, and the strategies chart.
/// </summary>
public sealed class ReportWriter(string root, string command, Machine machine)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    private readonly string _timestamp = DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);

    public string SummaryDirectory => Path.Combine(root, $"{_timestamp}-summary");

    /// <summary>Writes (again) everything measured so far, so a run that dies half-way still leaves its results.</summary>
    public async Task WriteAsync(IReadOnlyList<ProfileResult> results)
    {
        foreach (var profile in results.GroupBy(r => r.Profile))
        {
            var directory = Directory.CreateDirectory(Path.Combine(root, $"{_timestamp}-{profile.Key}")).FullName;
            var ofProfile = profile.ToList();
            await File.WriteAllTextAsync(Path.Combine(directory, "result.json"),
                JsonSerializer.Serialize(new { machine, command, results = ofProfile }, Json));
            foreach (var result in ofProfile)
            {
                Charts.Throughput(result, Path.Combine(directory, $"throughput-{result.Strategy}.png"));
                Charts.Latency(result, Path.Combine(directory, $"latency-{result.Strategy}.png"));
            }
            if (ofProfile.Count > 1) Charts.Strategies(ofProfile, Path.Combine(directory, "strategies.png"));
            await File.WriteAllTextAsync(Path.Combine(directory, "summary.md"), Markdown(ofProfile, $"{profile.Key}"));
        }

        Directory.CreateDirectory(SummaryDirectory);
        if (results.Count > 0) Charts.Strategies(results, Path.Combine(SummaryDirectory, "strategies.png"));
        await File.WriteAllTextAsync(Path.Combine(SummaryDirectory, "summary.md"), Markdown(results, "all profiles"));
        await File.WriteAllTextAsync(Path.Combine(SummaryDirectory, "results.json"),
            JsonSerializer.Serialize(new { machine, command, results }, Json));
    }

    public string Markdown(IReadOnlyList<ProfileResult> results, string what)
    {
        var md = new StringBuilder();
        md.AppendLine($"# FlashSales benchmark: {what} ({_timestamp} UTC)").AppendLine();
        md.AppendLine($"- Machine: {machine}");
        md.AppendLine($"- Command: `{command}`");
        foreach (var system in results.Select(r => (r.Strategy, r.System, r.Ceiling)).Distinct())
            md.AppendLine($"- System ({system.Strategy}): {system.System}; ceiling {system.Ceiling}");
        md.AppendLine("- The original system (nGrinder, seed-scenario: 5,000 x 100, 30 → 300 users, 5 min): **63 orders/s, " +
            "2.6 s mean response time**.");
        md.AppendLine();
        md.AppendLine(Table(results)).AppendLine();

        if (StrategyRatios(results) is { Length: > 0 } ratios) md.AppendLine(ratios).AppendLine();
        if (PerformanceTargets.Markdown(results) is { Length: > 0 } targets) md.AppendLine(targets);

        md.AppendLine("## CPU seconds per part (load until quiet)").AppendLine();
        md.AppendLine($"| profile | strategy | {string.Join(" | ", ProcessCpu.Parts)} |");
        md.AppendLine($"|---|---|{string.Concat(ProcessCpu.Parts.Select(_ => "---:|"))}");
        foreach (var r in results)
        {
            var seconds = ProcessCpu.Parts.Select(p => r.CpuSeconds.GetValueOrDefault(p).ToString("0.0", CultureInfo.InvariantCulture));
            md.AppendLine($"| {r.Profile} | {r.Strategy} | {string.Join(" | ", seconds)} |");
        }
        md.AppendLine();

        foreach (var r in results)
        {
            md.AppendLine($"## {r.Profile} ({r.Strategy})").AppendLine();
            md.AppendLine($"- Load: {r.Load}");
            var outcomes = r.Totals.ByOutcome.Where(o => o.Value > 0).Select(o => $"{o.Key} {o.Value:N0}");
            md.AppendLine($"- Answers by outcome: {string.Join(", ", outcomes)}; " +
                $"payments {r.Totals.Payments:N0} ({r.Totals.PaymentErrors:N0} failed)");
            md.AppendLine($"- Latency: p50 {r.Latency.P50Ms:N1} ms, p90 {r.Latency.P90Ms:N1} ms, p99 {r.Latency.P99Ms:N1} ms, " +
                $"p99.9 {r.Latency.P999Ms:N1} ms, max {r.Latency.MaxMs:N1} ms, mean {r.Latency.MeanMs:N1} ms");
            md.AppendLine($"- SQL statements: {r.SqlStatements:N0}"
                + (r.SqlPerAccepted is { } perOrder ? $" ({perOrder:N1} per accepted order)" : ""));
            foreach (var fact in r.Facts) md.AppendLine($"- {fact.Key}: {fact.Value}");
            md.AppendLine($"- Audit ({(r.Audit.Passed ? "passed" : "**FAILED**")}, " +
                $"quiet after {r.Audit.QuietAfter.TotalSeconds:0.0} s, attempt {r.Audit.Attempts}):");
            foreach (var check in r.Audit.Checks) md.AppendLine($"  - {(check.Passed ? "✅" : "❌")} {check.Name}: {check.Detail}");
            md.AppendLine();
        }
        return md.ToString();
    }

    public static string Table(IReadOnlyList<ProfileResult> results)
    {
        var md = new StringBuilder();
        md.AppendLine("| profile | strategy | accepted/s | of ceiling | answered/s | of ceiling | p50 ms | p99 ms | p99.9 ms | mean ms | accepted " +
            "| rejected | errors | SQL / accepted | CPU ms / accepted | audit |");
        md.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var r in results)
        {
            md.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Profile} | {r.Strategy} | {r.AcceptedPerSecond:N0} | {r.AcceptedShareOfCeiling:P1} | " +
                $"{r.AnsweredPerSecond:N0} | {r.AnsweredShareOfCeiling:P1} | " +
                $"{r.Latency.P50Ms:N1} | {r.Latency.P99Ms:N1} | {r.Latency.P999Ms:N1} | {r.Latency.MeanMs:N1} | " +
                $"{r.Totals.Accepted:N0} | {r.Totals.Rejections:N0} | {r.Totals.Errors:N0} | " +
                $"{(r.SqlPerAccepted is { } q ? q.ToString("N1", CultureInfo.InvariantCulture) : "–")} | " +
                $"{(r.SystemCpuMsPerAccepted is { } cpu ? cpu.ToString("N2", CultureInfo.InvariantCulture) : "–")} | " +
                $"{(r.Audit.Passed ? "passed" : "FAILED")} |"));
        }
        return md.ToString().TrimEnd();
    }

    private static string StrategyRatios(IReadOnlyList<ProfileResult> results)
    {
        var lines = results.GroupBy(r => r.Profile)
            .Select(g => (Profile: g.Key, Atomic: g.FirstOrDefault(r => r.Strategy == "atomic"), Lock: g.FirstOrDefault(r => r.Strategy == "lock")))
            .Where(x => x.Atomic is not null && x.Lock is not null)
            .Select(x => string.Create(CultureInfo.InvariantCulture,
                $"| {x.Profile} | {Ratio(x.Atomic!.AcceptedPerSecond, x.Lock!.AcceptedPerSecond)} | " +
                $"{Ratio(x.Atomic.AnsweredPerSecond, x.Lock.AnsweredPerSecond)} | {Ratio(x.Lock.Latency.P99Ms, x.Atomic.Latency.P99Ms)} |"))
            .ToList();
        return lines.Count == 0 ? ""
            : "| profile | atomic / lock, accepted/s | atomic / lock, answered/s | lock p99 / atomic p99 |\n|---|---:|---:|---:|\n"
                + string.Join('\n', lines);
    }

    private static string Ratio(double a, double b) => b == 0 ? "–" : (a / b).ToString("0.00", CultureInfo.InvariantCulture) + "x";
}
