namespace FlashSales.AppHost.Infrastructure.Kafka;

/// <summary>A single-node KRaft Kafka in a container (containers mode), shaped like Aspire.Hosting.Kafka's KafkaServerResource.</summary>
public sealed class KafkaContainerResource(string name) : ContainerResource(name), IResourceWithConnectionString
{
    public const string Image = "apache/kafka";
    public const string Tag = "3.9.0";
    public const int Port = 9092;

    public EndpointReference PrimaryEndpoint => new(this, "tcp");

    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"{PrimaryEndpoint.Property(EndpointProperty.Host)}:{PrimaryEndpoint.Property(EndpointProperty.Port)}");
}
