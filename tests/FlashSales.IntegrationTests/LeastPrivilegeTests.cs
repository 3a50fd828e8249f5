using System.Net.Sockets;
using System.Text;
using MySqlConnector;

namespace FlashSales.IntegrationTests;

/// <summary>Each service reaches its own database only; no database account signs in without a password; Redis wants one.</summary>
[Collection(SystemCollection.Name)]
public sealed class LeastPrivilegeTests(FlashSalesApp system)
{
    public static TheoryData<string, string> OtherDatabases => new()
    {
        { "orderdb", "productdb" },
        { "productdb", "orderdb" },
        { "paymentdb", "identitydb" },
        { "identitydb", "paymentdb" },
    };

    [Theory]
    [MemberData(nameof(OtherDatabases))]
    public async Task A_service_user_reads_its_own_database_and_no_other(string own, string other)
    {
        var connectionString = (await system.App.GetConnectionStringAsync(own))!;
        Assert.Equal($"{own}_user", new MySqlConnectionStringBuilder(connectionString).UserID);
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync();

        Assert.NotNull(await new MySqlCommand("SELECT COUNT(*) FROM __EFMigrationsHistory", connection).ExecuteScalarAsync());
        var denied = await Assert.ThrowsAsync<MySqlException>(() =>
            new MySqlCommand($"SELECT COUNT(*) FROM `{other}`.__EFMigrationsHistory", connection).ExecuteScalarAsync());
        Assert.Contains(denied.ErrorCode, new[] { MySqlErrorCode.TableAccessDenied, MySqlErrorCode.DatabaseAccessDenied });
        await Assert.ThrowsAsync<MySqlException>(() => new MySqlCommand("SELECT COUNT(*) FROM mysql.user", connection).ExecuteScalarAsync());
        await Assert.ThrowsAsync<MySqlException>(() => new MySqlCommand($"CREATE DATABASE `{own}_extra`", connection).ExecuteNonQueryAsync());
    }

    [Fact]
    public async Task No_account_signs_in_without_a_password_and_root_only_from_this_machine()
    {
        await using var root = new MySqlConnection((await system.App.GetConnectionStringAsync("mysql"))!);
        await root.OpenAsync();
        var accounts = new List<(string User, string Host, string Plugin, string Authentication)>();
        await using (var reader = await new MySqlCommand("""
            SELECT User, Host, COALESCE(JSON_VALUE(Priv, '$.plugin'), ''), COALESCE(JSON_VALUE(Priv, '$.authentication_string'), ''),
                   COALESCE(JSON_EXTRACT(Priv, '$.account_locked'), 'false')
            FROM mysql.global_priv
            """, root).ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                if (reader.GetString(4) is "true" or "1") continue; // locked: cannot sign in at all
                accounts.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
            }
        }

        Assert.DoesNotContain(accounts, a => a.User == "");
        Assert.Equal(["127.0.0.1", "localhost"], accounts.Where(a => a.User == "root").Select(a => a.Host).Order());
        // Locked accounts (mariadb.sys, the definer of system views) cannot sign in at all; mariadb-install-db's
        // mysql@localhost signs in only through the OS account's socket (its password is 'invalid').
        Assert.DoesNotContain(accounts, a => a.Authentication == "" && a.Plugin is "" or "mysql_native_password");
        Assert.Contains(accounts, a => a.User == "orderdb_user");
    }

    [Fact]
    public async Task The_database_server_does_not_run_as_root()
    {
        if (Environment.UserName != "root") return; // not started as root: it runs as the caller, who is not root either
        var pid = await ResourceProcesses.PidAsync(system.App, "mysql");
        var uid = File.ReadLines($"/proc/{pid}/status").Single(l => l.StartsWith("Uid:", StringComparison.Ordinal)).Split('\t',
            StringSplitOptions.RemoveEmptyEntries)[1];
        Assert.NotEqual("0", uid);
    }

    [Fact]
    public async Task Redis_refuses_commands_without_the_password()
    {
        var address = (await system.App.GetConnectionStringAsync("redis"))!.Split(',')[0];
        var (host, port) = (address[..address.LastIndexOf(':')], int.Parse(address[(address.LastIndexOf(':') + 1)..]));
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(host, port);
        var stream = tcp.GetStream();
        await stream.WriteAsync("GET anything\r\n"u8.ToArray());
        var buffer = new byte[256];
        var read = await stream.ReadAsync(buffer);
        Assert.StartsWith("-NOAUTH", Encoding.ASCII.GetString(buffer, 0, read));
    }
}
