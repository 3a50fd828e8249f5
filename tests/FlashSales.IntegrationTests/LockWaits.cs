using MySqlConnector;

namespace FlashSales.IntegrationTests;

/// <summary>How many transactions of a MariaDB server are waiting on a row lock: tells a test that a request it
/// holds up (by locking a row itself) has reached that row.</summary>
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
        var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using var command = new MySqlCommand($"SELECT Id FROM {table} WHERE Id = '{id}' FOR UPDATE", connection, transaction);
        await command.ExecuteScalarAsync();
        return new RowLock(connection, transaction);
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

    public async ValueTask DisposeAsync()
    {
        await transaction.DisposeAsync();
        await connection.DisposeAsync();
    }
}
