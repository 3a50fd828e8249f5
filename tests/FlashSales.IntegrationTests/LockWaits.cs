using MySqlConnector;

namespace FlashSales.IntegrationTests;

/// <summary>How many transactions of a MariaDB server are waiting on a row lock: tells a test that a request it
/// holds up (by locking a row itself) has reached that row. Also the server's count of deadlocks.</summary>
internal static class LockWaits
{
    public static async Task<long> CountAsync(string connectionString)
    {
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand("SELECT COUNT(*) FROM information_schema.INNODB_TRX WHERE trx_state = 'LOCK WAIT'", connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    /// <summary>A row locked (FOR UPDATE) in an open transaction, until disposed or committed.</summary>
    public static async Task<RowLock> LockRowAsync(string connectionString, string table, Guid id)
    {
        var held = await BeginAsync(connectionString);
        await held.ExecuteAsync($"SELECT Id FROM {table} WHERE Id = '{id}' FOR UPDATE");
        return held;
    }

    /// <summary>A transaction of the test's own (repeatable read, the server's default), open until disposed or committed.</summary>
    public static async Task<RowLock> BeginAsync(string connectionString)
    {
        var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync();
        return new RowLock(connection, await connection.BeginTransactionAsync());
    }

    public static async Task<long> DeadlocksAsync(string connectionString)
    {
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand(
            "SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME = 'INNODB_DEADLOCKS'", connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    public static Task UntilSomeoneWaitsAsync(string connectionString, string what) =>
        Eventually.Until(() => CountAsync(connectionString), waits => waits > 0, TimeSpan.FromSeconds(30), what);
}

internal sealed class RowLock(MySqlConnection connection, MySqlTransaction transaction) : IAsyncDisposable
{
    public async Task ExecuteAsync(string sql)
    {
        await using var command = new MySqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync();
    }

    public Task CommitAsync() => transaction.CommitAsync();

    public Task RollbackAsync() => transaction.RollbackAsync();

    public async ValueTask DisposeAsync()
    {
        await transaction.DisposeAsync();
        await connection.DisposeAsync();
    }
}
