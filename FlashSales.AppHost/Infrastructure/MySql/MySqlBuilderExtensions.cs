using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FlashSales.AppHost.Infrastructure.MySql;

/// <summary>
/// The small equivalent of Aspire.Hosting.MySql (not served here): a MySQL container with a database and a user per
/// service, and <see cref="RunAsLocalProcess"/> for machines without a container engine.
/// </summary>
public static partial class MySqlBuilderExtensions
{
    private const int MySqlPort = 3306;

    /// <param name="password">root's password; generated (and kept in the user secrets, or asked for when deploying) when null.</param>
    /// <param name="port">The host port in containers mode; a free one when null.</param>
    public static IResourceBuilder<MySqlServerResource> AddMySql(
        this IDistributedApplicationBuilder builder, [ResourceName] string name, IResourceBuilder<ParameterResource>? password = null,
            int? port = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);

        var rootPassword = password?.Resource
            ?? ParameterResourceBuilderExtensions.CreateDefaultPasswordParameter(builder, $"{name}-password", special: false);
        var server = new MySqlServerResource(name, rootPassword);

        // A database has no process of its own: it runs once its server is ready; its health check then makes it ready.
        builder.Eventing.Subscribe<ResourceReadyEvent>(async (e, ct) =>
        {
            if (e.Resource.Name != name) return;
            var notifications = e.Services.GetRequiredService<ResourceNotificationService>();
            foreach (var database in server.Databases)
            {
                await notifications.PublishUpdateAsync(database,
                    s => s with { State = KnownResourceStates.Running, StartTimeStamp = DateTime.UtcNow });
            }
        });

        return builder.AddResource(server)
            .WithImage(ContainerImages.MySql, ContainerImages.MySqlTag)
            .WithImageRegistry(ContainerImages.Registry)
            .WithEndpoint(port: port, targetPort: MySqlPort, name: MySqlServerResource.PrimaryEndpointName, scheme: "tcp")
            .WithEnvironment(ctx =>
            {
                ctx.EnvironmentVariables["MYSQL_ROOT_PASSWORD"] = server.PasswordParameter;
                foreach (var database in server.Databases)
                {
                    ctx.EnvironmentVariables[MySqlAccounts.PasswordVariable(database)] = database.PasswordParameter;
                }
            })
            .WithEntrypoint("/bin/sh")
            .WithArgs(ctx =>
            {
                ctx.Args.Add("-c");
                ctx.Args.Add(MySqlAccounts.ContainerStartScript(server.Databases));
            })
            .WithVolume($"{name}-data", "/var/lib/mysql")
            .WithMySqlHealthCheck(builder);
    }

    /// <summary>A database on the server with a user of its own (&lt;database&gt;_user) and a generated password.</summary>
    public static IResourceBuilder<MySqlDatabaseResource> AddDatabase(
        this IResourceBuilder<MySqlServerResource> server, [ResourceName] string name, string? databaseName = null)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentException.ThrowIfNullOrEmpty(name);
        databaseName ??= name;
        // It is written unquoted into the server's init file and into a shell script.
        if (!PlainIdentifier().IsMatch(databaseName))
        {
            throw new ArgumentException($"'{databaseName}' is not a plain database name (lower-case letters, digits, '_').", nameof(databaseName));
        }

        var builder = server.ApplicationBuilder;
        var password = ParameterResourceBuilderExtensions.CreateDefaultPasswordParameter(builder, $"{name}-password", special: false);
        var database = new MySqlDatabaseResource(name, databaseName, server.Resource, password);
        server.Resource.AddDatabase(database);
        return builder.AddResource(database)
            .WithInitialState(new CustomResourceSnapshot
            {
                ResourceType = "MySQL database",
                State = KnownResourceStates.Waiting,
                Properties = [new("database.name", databaseName)],
            })
            .WithMySqlHealthCheck(builder);
    }

    /// <summary>
    /// Runs the server as Debian's mariadbd on an Aspire-assigned port bound to 127.0.0.1, with its data under the AppHost's
    /// data folder, instead of the container; nothing changes when publishing. Its data directory is initialised once by
    /// mariadb-install-db; at every start its init file sets root's password to this run's parameter, drops the
    /// password-less accounts mariadb-install-db also makes, and creates the databases and their users. Started as root
    /// (CI), it runs as the mysql user.
    /// </summary>
    public static IResourceBuilder<MySqlServerResource> RunAsLocalProcess(this IResourceBuilder<MySqlServerResource> server)
    {
        ArgumentNullException.ThrowIfNull(server);
        var builder = server.ApplicationBuilder;
        if (builder.ExecutionContext.IsPublishMode) return server;

        var name = server.Resource.Name;
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

        var process = new MariaDbProcessResource(name, mariadbd, home, server.Resource.PasswordParameter);
        server.Resource.LocalProcess = process;
        LocalProcess.Replace(server, process)
            // Reached directly, not through Aspire's proxy: every statement would cross it twice.
            .WithEndpoint(name: MySqlServerResource.PrimaryEndpointName, scheme: "tcp", isProxied: false)
            .WithArgs(async ctx =>
            {
                var initFile = Path.Combine(home, "init.sql");
                var rootPassword = await server.Resource.PasswordParameter.GetValueAsync(ctx.CancellationToken);
                var databases = new List<(MySqlDatabaseResource, string)>();
                foreach (var database in server.Resource.Databases)
                {
                    databases.Add((database, (await database.PasswordParameter.GetValueAsync(ctx.CancellationToken))!));
                }
                await File.WriteAllTextAsync(initFile,
                    MySqlAccounts.LocalRootSql(rootPassword!) + "\n" + MySqlAccounts.DatabaseUsersSql(databases), ctx.CancellationToken);
                if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(initFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
                runAs?.Own(initFile);

                ctx.Args.Add("--no-defaults");
                ctx.Args.Add($"--datadir={dataDirectory}");
                ctx.Args.Add(ReferenceExpression.Create($"--port={process.PrimaryEndpoint.Property(EndpointProperty.TargetPort)}"));
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
        return server;
    }

    private static IResourceBuilder<T> WithMySqlHealthCheck<T>(this IResourceBuilder<T> resource, IDistributedApplicationBuilder builder)
        where T : IResourceWithConnectionString
    {
        var key = $"{resource.Resource.Name}_check";
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(key, _ => new MySqlHealthCheck(resource.Resource), null, null));
        return resource.WithHealthCheck(key);
    }

    [GeneratedRegex("^[a-z][a-z0-9_]*$")]
    private static partial Regex PlainIdentifier();
}
