using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using MySqlConnector;

namespace FlashSales.AppHost.Infrastructure.MySql;

/// <summary>The small equivalent of Aspire.Hosting.MySql (not served here), with a local MariaDB mode beside the container.</summary>
public static class MySqlBuilderExtensions
{
    public static IResourceBuilder<IMySqlServerResource> AddMySql(
        this IDistributedApplicationBuilder builder, string name, InfrastructureMode mode)
    {
        var password = ParameterResourceBuilderExtensions.CreateDefaultPasswordParameter(builder, $"{name}-password", special: false);
        IResourceBuilder<IMySqlServerResource> server = mode switch
        {
            InfrastructureMode.Local => builder.AddLocalMariaDb(name, password),
            _ => builder.AddMySqlContainer(name, password),
        };

        builder.Eventing.Subscribe<ResourceReadyEvent>(server.Resource, (e, ct) => CreateDatabasesAsync(server.Resource, e.Services, ct));
        return server.WithRealHealthCheck(builder);
    }

    public static IResourceBuilder<MySqlDatabaseResource> AddDatabase(this IResourceBuilder<IMySqlServerResource> server, string name)
    {
        var password = ParameterResourceBuilderExtensions.CreateDefaultPasswordParameter(server.ApplicationBuilder, $"{name}-password", special: false);
        var database = new MySqlDatabaseResource(name, name, server.Resource, password);
        server.Resource.Databases.Add(database);
        return server.ApplicationBuilder.AddResource(database)
            .WithInitialState(new CustomResourceSnapshot
            {
                ResourceType = "MySQL database",
                State = KnownResourceStates.Waiting,
                Properties = [new("database.name", name)],
            })
            .WithRealHealthCheck(server.ApplicationBuilder);
    }

    private static IResourceBuilder<MySqlContainerResource> AddMySqlContainer(
        this IDistributedApplicationBuilder builder, string name, ParameterResource password) =>
        builder.AddResource(new MySqlContainerResource(name, password))
            .WithImage(MySqlContainerResource.Image, MySqlContainerResource.Tag)
            .WithEndpoint(targetPort: MySqlContainerResource.Port, name: "tcp", scheme: "tcp")
            .WithEnvironment(ctx => ctx.EnvironmentVariables["MYSQL_ROOT_PASSWORD"] = password)
            .WithVolume($"flashsales-{name}-data", "/var/lib/mysql");

    /// <summary>
    /// mariadbd on an Aspire-assigned port, bound to 127.0.0.1. Its data directory is initialised once by mariadb-install-db;
    /// at every start an init file sets root's password to this run's parameter (so the connection string always works)
    /// and drops the password-less accounts mariadb-install-db also makes. Started as root (CI), it runs as the mysql user.
    /// </summary>
    private static IResourceBuilder<MariaDbExecutableResource> AddLocalMariaDb(
        this IDistributedApplicationBuilder builder, string name, ParameterResource password)
    {
        var home = builder.DataDirectory(name);
        var dataDirectory = Path.Combine(home, "data");
        var installDb = LocalInfrastructure.FindProgram("mariadb-install-db", "mariadb-server");
        var mariadbd = LocalInfrastructure.FindProgram("mariadbd", "mariadb-server");
        var runAs = ServiceAccount.ForDaemon("mysql");
        runAs?.MakeReachable(home);

        var init = builder.AddExecutable($"{name}-init", "/bin/sh", home,
            "-c",
            $"test -d '{dataDirectory}/mysql' || '{installDb}' --no-defaults --datadir='{dataDirectory}' --user={runAs?.Name ?? "root"} " +
            "--auth-root-authentication-method=normal --skip-test-db" +
            (runAs is null ? "" : $" && chown -R {runAs.Name}: '{home}'"));

        var server = new MariaDbExecutableResource(name, mariadbd, home, password);
        return builder.AddResource(server)
            // Reached directly, not through Aspire's proxy: every statement (or command) would cross it twice.
            .WithEndpoint(name: "tcp", scheme: "tcp", isProxied: false)
            .WithArgs(async ctx =>
            {
                var initFile = Path.Combine(home, "init.sql");
                var secret = await password.GetValueAsync(ctx.CancellationToken);
                await File.WriteAllTextAsync(initFile, RootAccountsSql(secret!), ctx.CancellationToken);
                if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(initFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
                runAs?.Own(initFile);

                ctx.Args.Add("--no-defaults");
                ctx.Args.Add($"--datadir={dataDirectory}");
                ctx.Args.Add(ReferenceExpression.Create($"--port={server.PrimaryEndpoint.Property(EndpointProperty.TargetPort)}"));
                ctx.Args.Add("--bind-address=127.0.0.1");
                ctx.Args.Add($"--socket={home}/mysqld.sock");
                ctx.Args.Add($"--pid-file={home}/mysqld.pid");
                ctx.Args.Add($"--init-file={initFile}");
                if (runAs is not null) ctx.Args.Add($"--user={runAs.Name}");
                ctx.Args.Add("--skip-log-bin");
                ctx.Args.Add("--innodb-buffer-pool-size=1G");
                ctx.Args.Add("--max-connections=1000");
                // Every deadlock, not only the latest, goes to the server's log (the resource's console), with both
                // transactions' statements and locks.
                ctx.Args.Add("--innodb-print-all-deadlocks=ON");
            })
            .WaitForCompletion(init);
    }

    /// <summary>
    /// root with this run's password on localhost and 127.0.0.1 only; mariadb-install-db's other root accounts
    /// (root@'::1', root@'&lt;hostname&gt;') and any anonymous ones are dropped, so no account signs in without a password.
    /// </summary>
    private static string RootAccountsSql(string password) => $"""
        ALTER USER 'root'@'localhost' IDENTIFIED BY '{password}';
        CREATE USER IF NOT EXISTS 'root'@'127.0.0.1' IDENTIFIED BY '{password}';
        ALTER USER 'root'@'127.0.0.1' IDENTIFIED BY '{password}';
        GRANT ALL PRIVILEGES ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION;
        DROP USER IF EXISTS 'root'@'::1';
        DROP USER IF EXISTS 'root'@'{Environment.MachineName}';
        DROP USER IF EXISTS ''@'localhost';
        DROP USER IF EXISTS ''@'{Environment.MachineName}';
        """;

    private static IResourceBuilder<T> WithRealHealthCheck<T>(this IResourceBuilder<T> resource, IDistributedApplicationBuilder builder)
        where T : IResourceWithConnectionString
    {
        var key = $"{resource.Resource.Name}_check";
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(key, _ => new MySqlHealthCheck(resource.Resource), null, null));
        return resource.WithHealthCheck(key);
    }

    private static async Task CreateDatabasesAsync(IMySqlServerResource server, IServiceProvider services, CancellationToken ct)
    {
        var logger = services.GetRequiredService<ResourceLoggerService>().GetLogger(server);
        var notifications = services.GetRequiredService<ResourceNotificationService>();
        await using var connection = new MySqlConnection(await server.ConnectionStringExpression.GetValueAsync(ct));
        await connection.OpenAsync(ct);
        foreach (var database in server.Databases)
        {
            var quoted = new MySqlCommandBuilder().QuoteIdentifier(database.DatabaseName);
            var password = await database.PasswordParameter.GetValueAsync(ct);
            // The service's own user: every right on its database (it runs its migrations), none on any other.
            await using var command = new MySqlCommand($"""
                CREATE DATABASE IF NOT EXISTS {quoted} CHARACTER SET utf8mb4;
                CREATE USER IF NOT EXISTS '{database.UserName}'@'%' IDENTIFIED BY @password;
                ALTER USER '{database.UserName}'@'%' IDENTIFIED BY @password;
                GRANT ALL PRIVILEGES ON {quoted}.* TO '{database.UserName}'@'%';
                """, connection);
            command.Parameters.AddWithValue("@password", password);
            await command.ExecuteNonQueryAsync(ct);
            logger.LogInformation("Database {Database} is ready, with its user {User}", database.DatabaseName, database.UserName);
            // A database has no process of its own: it is running once it exists; its health check then makes it ready.
            await notifications.PublishUpdateAsync(database, s => s with { State = KnownResourceStates.Running, StartTimeStamp = DateTime.UtcNow });
        }
    }
}
