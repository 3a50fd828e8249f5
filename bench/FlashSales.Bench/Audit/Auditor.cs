namespace FlashSales.Bench.Audit;

/// <summary>
/// Reads the databases and Redis directly once the system is quiet, and checks what FlashSales promises (see
/// <see cref="AuditChecks"/>). A failed audit is repeated after the system is quiet again, so only a lasting
/// violation fails the run, not an event still on its way.
/// </summary>
public sealed class Auditor(string mySqlConnectionString, string redisConnectionString, string? kafkaBootstrapServers, QuietWaiter quiet)
{
    private const int Attempts = 3;
    private static readonly TimeSpan QuietTimeout = TimeSpan.FromMinutes(10);

    public async Task<AuditReport> AuditAsync(
        IReadOnlyCollection<Guid> acceptedOrderIds, IReadOnlyDictionary<Guid, int> initialStock, IReadOnlyList<AuditCheck> profileChecks,
            CancellationToken ct)
    {
        TimeSpan quietAfter;
        try
        {
            quietAfter = await quiet.WaitAsync(QuietTimeout, ct);
        }
        catch (TimeoutException e)
        {
            return new AuditReport([.. profileChecks, new AuditCheck("system quiet (outboxes relayed, consumers caught up)", false, e.Message)],
                QuietTimeout, 0);
        }

        IReadOnlyList<AuditCheck> checks = [];
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            var snapshot = await AuditSnapshotReader.ReadAsync(mySqlConnectionString, redisConnectionString, kafkaBootstrapServers, ct);
            checks = [.. profileChecks, .. AuditChecks.Evaluate(snapshot, acceptedOrderIds, initialStock)];
            if (checks.All(c => c.Passed)) return new AuditReport(checks, quietAfter, attempt);
            if (attempt < Attempts)
            {
                await Task.Delay(TimeSpan.FromSeconds(3), ct);
                await quiet.WaitAsync(QuietTimeout, ct);
            }
        }
        return new AuditReport(checks, quietAfter, Attempts);
    }
}
