namespace FlashSales.AppHost.Infrastructure.Kafka;

/// <summary>
/// A single-node KRaft Kafka in a container, shaped like Aspire.Hosting.Kafka's KafkaServerResource. Run as
/// librdkafka's mock cluster (<see cref="KafkaBuilderExtensions.RunAsMockCluster"/>), it hands its bootstrap servers on
/// to that.
/// </summary>
public sealed class KafkaServerResource(string name) : ContainerResource(name), IResourceWithConnectionString
{
    internal const string PrimaryEndpointName = "tcp";

    /// <summary>The mock cluster that runs in the container's place, if any.</summary>
    internal KafkaMockClusterResource? MockCluster { get; set; }

    public EndpointReference PrimaryEndpoint => new(this, PrimaryEndpointName);

    public ReferenceExpression ConnectionStringExpression => MockCluster?.ConnectionStringExpression ??
        ReferenceExpression.Create($"{PrimaryEndpoint.Property(EndpointProperty.Host)}:{PrimaryEndpoint.Property(EndpointProperty.Port)}");
}
