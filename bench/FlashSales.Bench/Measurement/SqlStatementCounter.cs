using MySqlConnector;

namespace FlashSales.Bench.Measurement;

/// <summary>
/// MariaDB's own count of statements clients sent (Questions), read before and after a profile, less the statements
/// the bench itself sent meanwhile (its polls while waiting for quiet), so what remains is the system's own.
/// </summary>
public static class SqlStatementCounter
{
    private static long _ownStatements;

    /// <summary>Statements the bench has sent so far; every query of the bench that runs during a measurement adds to it.</summary>
    public static long OwnStatements => Interlocked.Read(ref _ownStatements);

    public static void CountOwn(int statements) => Interlocked.Add(ref _ownStatements, statements);

    public static async Task<long> ReadAsync(string connectionString, CancellationToken ct)
    {
        CountOwn(1);
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = new MySqlCommand("SHOW GLOBAL STATUS LIKE 'Questions'", connection);
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return long.Parse(reader.GetString(1));
    }
}
