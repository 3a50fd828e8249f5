using Microsoft.Extensions.Diagnostics.HealthChecks;
using MySqlConnector;

namespace FlashSales.AppHost.Infrastructure.MySql;

/// <summary>
/// Healthy when the server answers a real query. A plain TCP connect is not enough: the orchestrator's proxy accepts
/// connections before the server behind it is up.
/// </summary>
internal sealed class MySqlHealthCheck(IResourceWithConnectionString resource) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var connectionString = await resource.ConnectionStringExpression.GetValueAsync(cancellationToken);
            var noPooling = new MySqlConnectionStringBuilder(connectionString!) { Pooling = false };
            await using var connection = new MySqlConnection(noPooling.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = new MySqlCommand("SELECT 1", connection);
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex)
        {
            return HealthCheckResult.Unhealthy($"{resource.Name} did not answer SELECT 1", ex);
        }
    }
}
