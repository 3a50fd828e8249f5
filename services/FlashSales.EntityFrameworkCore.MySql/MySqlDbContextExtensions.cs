using FlashSales.EntityFrameworkCore.MySql;
using Microsoft.EntityFrameworkCore;
using MySqlConnector;
using Microsoft.Extensions.Configuration;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenTelemetry.Trace;
using Microsoft.Extensions.Hosting;

namespace FlashSales.EntityFrameworkCore.MySql;

/// <summary>
/// The small equivalent of Aspire.Pomelo.EntityFrameworkCore.MySql (not served here): a pooled DbContext on the
/// connection string Aspire hands the service, a health check that runs a real query, and EF Core traces.
/// </summary>
public static class MySqlDbContextExtensions
{
    public static void AddMySqlDbContext<TContext>(
        this IHostApplicationBuilder builder,
        string connectionName,
        Action<IServiceProvider, DbContextOptionsBuilder>? configure = null)
        where TContext : DbContext
    {
        var configured = builder.Configuration.GetConnectionString(connectionName)
            ?? throw new InvalidOperationException($"Connection string '{connectionName}' is missing.");
        // No session state is carried between uses of a pooled connection, so resetting it (and setting the character
        // set again, a statement per open) buys nothing.
        var connectionString = new MySqlConnectionStringBuilder(configured) { ConnectionReset = false }.ConnectionString;
        var serverVersion = new Lazy<ServerVersion>(() => DetectServerVersion(builder, connectionString));

        builder.Services.AddDbContextPool<TContext>((sp, options) =>
        {
            options.UseMySql(connectionString, serverVersion.Value, mysql => mysql.CommandTimeout(30));
            // Migrations are generated against MariaDB; on MySQL 9.1 (containers mode) the provider's annotations
            // can differ by server version, which EF would otherwise treat as a pending change and refuse to migrate.
            // `dotnet ef migrations has-pending-model-changes` guards the real case.
            options.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
            options.AddInterceptors(new NoAutoSavepoints());
            configure?.Invoke(sp, options);
        });

        builder.Services.AddHealthChecks().AddCheck<DbContextQueryHealthCheck<TContext>>(connectionName);
        // Only commands that belong to a trace (a request, a consumed event): background polls that find nothing
        // (outbox relays, expiry, lease sweeps) would otherwise fill the dashboard with one-span traces.
        builder.Services.AddOpenTelemetry().WithTracing(t => t.AddEntityFrameworkCoreInstrumentation(
            o => o.Filter = (_, _) => System.Diagnostics.Activity.Current is not null));
    }

    // MariaDB 10.11 locally, MySQL 9.1 in containers: ask the server once (or take MySql:ServerVersion, e.g. "11.4-mariadb").
    private static ServerVersion DetectServerVersion(IHostApplicationBuilder builder, string connectionString) =>
        builder.Configuration["MySql:ServerVersion"] is { Length: > 0 } configured
            ? ServerVersion.Parse(configured)
            : ServerVersion.AutoDetect(connectionString);

    private sealed class DbContextQueryHealthCheck<TContext>(TContext db) : IHealthCheck where TContext : DbContext
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken)
        {
            try
            {
                await db.Database.ExecuteSqlRawAsync("SELECT 1", cancellationToken);
                return HealthCheckResult.Healthy();
            }
            catch (Exception ex)
            {
                return HealthCheckResult.Unhealthy("The database did not answer SELECT 1", ex);
            }
        }
    }
}
