using Confluent.Kafka;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FlashSales.EventBus.Kafka;

/// <summary>Healthy when the cluster answers a metadata request on the producer's connection.</summary>
internal sealed class KafkaHealthCheck(KafkaEventBus bus) : IHealthCheck, IDisposable
{
    private readonly IAdminClient _admin = new DependentAdminClientBuilder(bus.Handle).Build();

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var metadata = _admin.GetMetadata(TimeSpan.FromSeconds(3));
            return Task.FromResult(metadata.Brokers.Count > 0
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("Kafka answered with no brokers"));
        }
        catch (KafkaException ex)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("Kafka did not answer a metadata request", ex));
        }
    }

    public void Dispose() => _admin.Dispose();
}
