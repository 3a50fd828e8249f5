using FlashSales.Bench.Audit;

namespace FlashSales.Bench.Reporting;

/// <summary>Everything one profile measured on one strategy's system: the JSON report holds it whole.</summary>
public sealed record ProfileResult
{
    public required string Profile { get; init; }
    public required string Strategy { get; init; }
    public required string System { get; init; }
    public required string Load { get; init; }
    public required Ceiling Ceiling { get; init; }
    public required double LoadSeconds { get; init; }
    public required RunTotals Totals { get; init; }
    public required LatencySummary Latency { get; init; }
    public required IReadOnlyList<SecondSample> Seconds { get; init; }

    /// <summary>Statements MariaDB received from the start of the load until the system was quiet (relays and consumers included).</summary>
    public required long SqlStatements { get; init; }

    /// <summary>CPU seconds per part of the system over the same stretch.</summary>
    public required IReadOnlyDictionary<string, double> CpuSeconds { get; init; }

    /// <summary>What only this profile reports (stampede timings, expiry rates, ...), in reading order.</summary>
    public required IReadOnlyList<KeyValuePair<string, string>> Facts { get; init; }

    public required AuditReport Audit { get; init; }

    public double AcceptedPerSecond => Totals.Accepted / LoadSeconds;
    public double AnsweredPerSecond => (Totals.Accepted + Totals.Rejections) / LoadSeconds;
    public double AcceptedShareOfCeiling => AcceptedPerSecond / Ceiling.RequestsPerSecond;
    public double AnsweredShareOfCeiling => AnsweredPerSecond / Ceiling.RequestsPerSecond;
    public double? SqlPerAccepted => Totals.Accepted == 0 ? null : SqlStatements / (double)Totals.Accepted;

    /// <summary>
    /// Milliseconds of CPU per accepted order over every process of the system (services, databases, broker, Aspire's
    /// orchestrator and, when it runs, the dashboard); only the bench's own process (load generator and AppHost host) is left out.
    /// </summary>
    public double? SystemCpuMsPerAccepted => Totals.Accepted == 0
        ? null
        : CpuSeconds.Where(p => p.Key != ProcessCpu.LoadGenerator).Sum(p => p.Value) * 1000 / Totals.Accepted;
}

public sealed record RunTotals(long Requests, long Accepted, long Rejections, long Errors, IReadOnlyDictionary<string, long> ByOutcome, long Payments,
    long PaymentErrors);

public sealed record LatencySummary(double P50Ms, double P90Ms, double P99Ms, double P999Ms, double MaxMs, double MeanMs);

public sealed record SecondSample(
    int Second, int Users, long Requests, long Accepted, long Rejected, long Errors, IReadOnlyDictionary<string, long> ByOutcome,
    double P50Ms, double P90Ms, double P99Ms, double P999Ms, double MaxMs);
