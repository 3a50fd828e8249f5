using System.Globalization;
using System.Text;

namespace FlashSales.Bench.Reporting;

/// <summary>
/// The performance FlashSales aims for on the 2-core reference machine, judged on every run that measured the profile:
/// met or not, always with the measured number. The same-window A/B against an earlier build is made by running both.
/// </summary>
public static class PerformanceTargets
{
    public sealed record Judgement(string Target, string Measured, bool Met);

    public static IReadOnlyList<Judgement> Judge(IReadOnlyList<ProfileResult> results)
    {
        var judgements = new List<Judgement>();
        foreach (var r in results)
        {
            var of = $"{r.Profile} ({r.Strategy})";
            switch (r.Profile)
            {
                case "seed-scenario":
                    judgements.Add(new($"{of}: accepted orders ≥ 25 % of the same-run ceiling",
                        Format($"{r.AcceptedShareOfCeiling:P1} ({r.AcceptedPerSecond:N0}/s of {r.Ceiling.RequestsPerSecond:N0} req/s)"),
                        r.AcceptedShareOfCeiling >= 0.25));
                    if (r.SystemCpuMsPerAccepted is { } cpu)
                    {
                        var dashboard = r.CpuSeconds.GetValueOrDefault("dashboard") > 0 ? "dashboard included" : "no dashboard running";
                        judgements.Add(new($"{of}: ≤ 0.6 ms of CPU per accepted order, all processes of the system",
                            Format($"{cpu:N2} ms ({dashboard})"), cpu <= 0.6));
                    }
                    break;
                case "hot":
                    judgements.Add(new($"{of}: answers ≥ 60 % of the same-run ceiling",
                        Format($"{r.AnsweredShareOfCeiling:P1} ({r.AnsweredPerSecond:N0}/s)"), r.AnsweredShareOfCeiling >= 0.6));
                    judgements.Add(new($"{of}: p99 ≤ 100 ms", Format($"{r.Latency.P99Ms:N1} ms"), r.Latency.P99Ms <= 100));
                    break;
                case "stampede":
                    var answered = r.Totals.Accepted + r.Totals.Rejections;
                    judgements.Add(new($"{of}: every buyer answered within 1 s of asking",
                        Format($"slowest {r.Latency.MaxMs:N0} ms; {answered:N0} of {r.Totals.Requests:N0} answered, {r.Totals.Errors:N0} errors"),
                        r.Latency.MaxMs <= 1000 && r.Totals.Errors == 0 && answered == r.Totals.Requests));
                    break;
            }
        }
        return judgements;
    }

    public static string Markdown(IReadOnlyList<ProfileResult> results)
    {
        var judgements = Judge(results);
        if (judgements.Count == 0) return "";
        var md = new StringBuilder("## Targets\n\n| target | measured | met |\n|---|---|---|\n");
        foreach (var j in judgements) md.AppendLine($"| {j.Target} | {j.Measured} | {(j.Met ? "yes" : "**no**")} |");
        return md.ToString();
    }

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
