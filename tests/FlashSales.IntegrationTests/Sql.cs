using MySqlConnector;

namespace FlashSales.IntegrationTests;

/// <summary>One statement on a connection of its own, for a test's look at (or fault in) a database.</summary>
internal static class Sql
{
    public static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// Until disposed, MySQL refuses every update of <paramref name="table"/> whose new row matches
    /// <paramref name="newRowMatches"/> (a condition on <c>NEW</c>), as if the database went away for that write only.
    /// </summary>
    public static async Task<IAsyncDisposable> RefuseUpdatesAsync(string connectionString, string table, string newRowMatches)
    {
        var name = $"refuse_{Guid.NewGuid():N}";
        await ExecuteAsync(connectionString, $"""
            CREATE TRIGGER {name} BEFORE UPDATE ON {table} FOR EACH ROW
            BEGIN
              IF {newRowMatches} THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'injected fault'; END IF;
            END
            """);
        return new Refusal(() => ExecuteAsync(connectionString, $"DROP TRIGGER IF EXISTS {name}"));
    }

    public static async Task<long> CountAsync(string connectionString, string sql)
    {
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    private sealed class Refusal(Func<Task> drop) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await drop();
    }
}
