using FlashSales.EventBus.Kafka;
using FlashSales.IntegrationEvents;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FlashSales.AppHost.Infrastructure.Kafka;

/// <summary>The small equivalent of Aspire.Hosting.Kafka (not served here), with librdkafka's mock cluster as local mode.</summary>
public static class KafkaBuilderExtensions
{
    public static IResourceBuilder<IResourceWithConnectionString> AddKafka(
        this IDistributedApplicationBuilder builder, string name, InfrastructureMode mode)
    {
        IResourceBuilder<IResourceWithConnectionString> kafka = mode == InfrastructureMode.Local
            ? builder.AddKafkaMockCluster(name)
            : builder.AddKafkaContainer(name);

        var key = $"{name}_check";
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(key, _ => new KafkaHealthCheck(kafka.Resource), null, null));
        return kafka.WithHealthCheck(key).WithDeadLetterCommands();
    }

    public const string ListDeadLettersCommand = "list-dead-letters";
    public const string ReplayDeadLettersCommand = "replay-dead-letters";

    /// <summary>
    /// The dashboard's view of the dead-letter topic: events a consumer could never handle, listed with their errors and
    /// replayed onto their original topics once the cause is fixed.
    /// </summary>
    private static IResourceBuilder<IResourceWithConnectionString> WithDeadLetterCommands(this IResourceBuilder<IResourceWithConnectionString> kafka) => kafka
        .WithCommand(ListDeadLettersCommand, "List dead letters", async context =>
        {
            var letters = (await DeadLettersOf(kafka.Resource, context.CancellationToken)).Waiting(20);
            return CommandResults.Success(letters.Count == 0 ? "No dead letters waiting." : $"{letters.Count} waiting (first 20): " +
                string.Join("; ", letters.Select(l => $"{l.OriginalTopic} key {l.Key} ({l.ConsumerGroup}): {l.Error}")));
        })
        .WithCommand(ReplayDeadLettersCommand, "Replay dead letters", async context =>
        {
            var replayed = await (await DeadLettersOf(kafka.Resource, context.CancellationToken)).ReplayAsync(context.CancellationToken);
            return CommandResults.Success($"{replayed} dead letters replayed onto their original topics.");
        });

    private static async Task<DeadLetters> DeadLettersOf(IResourceWithConnectionString kafka, CancellationToken ct) =>
        new(await kafka.ConnectionStringExpression.GetValueAsync(ct) ?? throw new InvalidOperationException("Kafka has no address yet."), Topics.DeadLetters);

    private static IResourceBuilder<KafkaContainerResource> AddKafkaContainer(this IDistributedApplicationBuilder builder, string name)
    {
        var kafka = new KafkaContainerResource(name);
        return builder.AddResource(kafka)
            .WithImage(KafkaContainerResource.Image, KafkaContainerResource.Tag)
            .WithEndpoint(targetPort: KafkaContainerResource.Port, name: "tcp", scheme: "tcp")
            .WithEnvironment(ctx =>
            {
                var env = ctx.EnvironmentVariables;
                env["KAFKA_NODE_ID"] = "1";
                env["KAFKA_PROCESS_ROLES"] = "broker,controller";
                env["KAFKA_LISTENERS"] = $"PLAINTEXT://:{KafkaContainerResource.Port},CONTROLLER://:9093";
                // Services run on the host and reach the broker through the published port.
                env["KAFKA_ADVERTISED_LISTENERS"] = ReferenceExpression.Create(
                    $"PLAINTEXT://localhost:{kafka.PrimaryEndpoint.Property(EndpointProperty.Port)}");
                env["KAFKA_CONTROLLER_LISTENER_NAMES"] = "CONTROLLER";
                env["KAFKA_LISTENER_SECURITY_PROTOCOL_MAP"] = "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT";
                env["KAFKA_CONTROLLER_QUORUM_VOTERS"] = "1@localhost:9093";
                env["KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR"] = "1";
                env["KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR"] = "1";
                env["KAFKA_TRANSACTION_STATE_LOG_MIN_ISR"] = "1";
                env["KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS"] = "0";
                env["KAFKA_NUM_PARTITIONS"] = Topics.Partitions.ToString();
                env["KAFKA_AUTO_CREATE_TOPICS_ENABLE"] = "true";
            });
    }

    private static IResourceBuilder<KafkaMockClusterResource> AddKafkaMockCluster(this IDistributedApplicationBuilder builder, string name)
    {
        var kafka = new KafkaMockClusterResource(name);
        builder.Eventing.Subscribe<InitializeResourceEvent>(kafka, async (e, ct) =>
        {
            var cluster = new LibrdkafkaMockCluster(Topics.All, Topics.Partitions);
            e.Services.GetRequiredService<MockClusterLifetime>().Track(cluster);
            kafka.Bootstrap.Value = cluster.BootstrapServers;
            kafka.Cluster = cluster;

            await e.Notifications.PublishUpdateAsync(kafka, s => s with
            {
                State = KnownResourceStates.Running,
                StartTimeStamp = DateTime.UtcNow,
                Properties = [.. s.Properties, new("kafka.bootstrapServers", cluster.BootstrapServers)],
            });
            await e.Eventing.PublishAsync(new ConnectionStringAvailableEvent(kafka, e.Services), ct);
        });
        builder.Services.AddSingleton<MockClusterLifetime>();

        return builder.AddResource(kafka)
            .WithCommand(KafkaMockClusterResource.BrokerDownCommand, "Take the broker down", _ => Run(kafka, c => c.BrokerDown()))
            .WithCommand(KafkaMockClusterResource.BrokerUpCommand, "Bring the broker up", _ => Run(kafka, c => c.BrokerUp()))
            .WithInitialState(new CustomResourceSnapshot
            {
                ResourceType = "Kafka (librdkafka mock)",
                State = KnownResourceStates.Starting,
                Properties = [],
            });
    }

    private static Task<ExecuteCommandResult> Run(KafkaMockClusterResource kafka, Action<LibrdkafkaMockCluster> command)
    {
        if (kafka.Cluster is not { } cluster) return Task.FromResult(CommandResults.Failure("The mock cluster has not started."));
        command(cluster);
        return Task.FromResult(CommandResults.Success());
    }

    /// <summary>Destroys the mock cluster when the AppHost shuts down.</summary>
    private sealed class MockClusterLifetime : IDisposable
    {
        private readonly List<IDisposable> _clusters = [];

        public void Track(IDisposable cluster)
        {
            lock (_clusters) _clusters.Add(cluster);
        }

        public void Dispose()
        {
            lock (_clusters) _clusters.ForEach(c => c.Dispose());
        }
    }
}
