namespace FlashSales.AppHost.Infrastructure.MySql;

/// <summary>
/// The accounts a MySQL server starts with, as the statements of its --init-file, which the server runs at every start,
/// so a changed password takes effect at the next one: each database and its own user with every right on that
/// database (the service runs its migrations) and none on any other. Nothing has to connect as root to create them,
/// so a deployed server sets itself up the same way as a local one.
/// </summary>
internal static class MySqlAccounts
{
    /// <summary>The statements with the passwords written in, for a server whose init file the AppHost writes (local mode).</summary>
    public static string DatabaseUsersSql(IEnumerable<(MySqlDatabaseResource Database, string Password)> databases) =>
        string.Join('\n', databases.Select(d => DatabaseUserSql(d.Database, $"'{Quote(d.Password)}'")));

    /// <summary>
    /// A shell script for the container: it writes the init file from the passwords in its environment (never in the
    /// manifest or on the command line) and starts the image's own entrypoint with it. No braces: a manifest reads them
    /// as expressions.
    /// </summary>
    public static string ContainerStartScript(IEnumerable<MySqlDatabaseResource> databases) => $"""
        q() ( printf %s "$1" | sed -e 's/[\]/&&/g' -e "s/'/''/g" )
        cat > /tmp/flashsales-accounts.sql <<SQL
        {string.Join('\n', databases.Select(d => DatabaseUserSql(d, $"'$(q \"${PasswordVariable(d)}\")'")))}
        SQL
        exec docker-entrypoint.sh mysqld --init-file=/tmp/flashsales-accounts.sql
        """;

    /// <summary>The environment variable that hands a database user's password to the container's start script.</summary>
    public static string PasswordVariable(MySqlDatabaseResource database) => $"{database.DatabaseName.ToUpperInvariant()}_USER_PASSWORD";

    /// <summary>
    /// root with this run's password on localhost and 127.0.0.1 only; mariadb-install-db's other root accounts
    /// (root@'::1', root@'&lt;hostname&gt;') and any anonymous ones are dropped, so no account signs in without a password.
    /// </summary>
    public static string LocalRootSql(string password) => $"""
        ALTER USER 'root'@'localhost' IDENTIFIED BY '{Quote(password)}';
        CREATE USER IF NOT EXISTS 'root'@'127.0.0.1' IDENTIFIED BY '{Quote(password)}';
        ALTER USER 'root'@'127.0.0.1' IDENTIFIED BY '{Quote(password)}';
        GRANT ALL PRIVILEGES ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION;
        DROP USER IF EXISTS 'root'@'::1';
        DROP USER IF EXISTS 'root'@'{Environment.MachineName}';
        DROP USER IF EXISTS ''@'localhost';
        DROP USER IF EXISTS ''@'{Environment.MachineName}';
        """;

    // One statement per line: an init file allows nothing else.
    private static string DatabaseUserSql(MySqlDatabaseResource database, string quotedPassword) => $"""
        CREATE DATABASE IF NOT EXISTS {database.DatabaseName} CHARACTER SET utf8mb4;
        CREATE USER IF NOT EXISTS '{database.UserName}'@'%' IDENTIFIED BY {quotedPassword};
        ALTER USER '{database.UserName}'@'%' IDENTIFIED BY {quotedPassword};
        GRANT ALL PRIVILEGES ON {database.DatabaseName}.* TO '{database.UserName}'@'%';
        """;

    private static string Quote(string value) => value.Replace(@"\", @"\\").Replace("'", "''");
}
