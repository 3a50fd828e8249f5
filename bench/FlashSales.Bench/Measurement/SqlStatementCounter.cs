using MySqlConnector;

namespace FlashSales.Bench.Measurement;

/// <summary>
/// MariaDB's own counts, read before and after a profile: statements clients sent (Questions), less the statements
/// the bench itself sent meanwhile (its polls while waiting for quiet), so what remains is the system's own; and
/// transactions committed and deadlocks InnoDB resolved (by rolling a transaction back), which say how the writes
/// were grouped and how often they collided.
/// </summary>
public static class SqlStatementCounter
{
    private static long _ownStatements;

    /// <summary>Statements the bench has sent so far; every query of the bench that runs during a measurement adds to it.</summary>
    public static long OwnStatements => Interlocked.Read(ref _ownStatements);

    public static void CountOwn(int statements) => Interlocked.Add(ref _ownStatements, statements);

    public static async Task<ServerCounts> ReadAsync(string connectionString, CancellationToken ct)
    {
        CountOwn(1);
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = new MySqlCommand(
            "SHOW GLOBAL STATUS WHERE Variable_name IN ('Questions', 'Com_commit', 'Innodb_deadlocks')", connection);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var values = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase);
        while (await reader.ReadAsync(ct)) values[reader.GetString(0)] = long.Parse(reader.GetString(1));
        return new ServerCounts(values["Questions"], values.GetValueOrDefault("Com_commit"), values.GetValueOrDefault("Innodb_deadlocks"));
    }

    public sealed record ServerCounts(long Statements, long Commits, long Deadlocks);
}
