namespace FlashSales.Bench.Audit;

/// <summary>One check of the audit: what it demands, whether it held, and what was found.</summary>
public sealed record AuditCheck(string Name, bool Passed, string Detail);

public sealed record AuditReport(IReadOnlyList<AuditCheck> Checks, TimeSpan QuietAfter, int Attempts)
{
    public bool Passed => Checks.All(c => c.Passed);
}
