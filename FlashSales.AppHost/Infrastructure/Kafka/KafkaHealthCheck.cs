using Confluent.Kafka;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FlashSales.AppHost.Infrastructure.Kafka;

/// <summary>Healthy when the cluster answers a metadata request with at least one broker.</summary>
internal sealed class KafkaHealthCheck(IResourceWithConnectionString resource) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var bootstrapServers = await resource.ConnectionStringExpression.GetValueAsync(cancellationToken);
            // The probe's answer is its result: its client's own lines about a broker that refuses connections would
            // only repeat it on stderr, every 50 ms, for as long as the broker is away.
            using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrapServers })
                .SetLogHandler((_, _) => { })
                .Build();
            var metadata = admin.GetMetadata(TimeSpan.FromSeconds(3));
            return metadata.Brokers.Count > 0
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("Kafka answered with no brokers");
        }
        catch (Exception ex)
        {
            return HealthCheckResult.Unhealthy($"{resource.Name} did not answer a metadata request", ex);
        }
    }
}
