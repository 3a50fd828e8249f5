using FlashSales.EventBus.Kafka;
using FlashSales.IntegrationEvents;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FlashSales.AppHost.Infrastructure.Kafka;

/// <summary>
/// The small equivalent of Aspire.Hosting.Kafka (not served here): a single-node KRaft broker in a container, with the
/// dead-letter commands, and <see cref="RunAsMockCluster"/> for machines without a container engine.
/// </summary>
public static class KafkaBuilderExtensions
{
    private const int KafkaPort = 9092;

    /// <param name="port">The host port in containers mode; a free one when null.</param>
    public static IResourceBuilder<KafkaServerResource> AddKafka(this IDistributedApplicationBuilder builder, [ResourceName] string name,
        int? port = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);

        var kafka = new KafkaServerResource(name);
        var key = $"{name}_check";
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(key, _ => new KafkaHealthCheck(kafka), null, null));
        return builder.AddResource(kafka)
            .WithImage(ContainerImages.Kafka, ContainerImages.KafkaTag)
            .WithImageRegistry(ContainerImages.Registry)
            .WithEndpoint(port: port, targetPort: KafkaPort, name: KafkaServerResource.PrimaryEndpointName, scheme: "tcp")
            .WithEnvironment(ctx =>
            {
                var env = ctx.EnvironmentVariables;
                env["KAFKA_NODE_ID"] = "1";
                env["KAFKA_PROCESS_ROLES"] = "broker,controller";
                env["KAFKA_LISTENERS"] = $"PLAINTEXT://:{KafkaPort},CONTROLLER://:9093";
                // The address clients are sent back to: the host's published port when running, the resource's own
                // host name and port once deployed.
                env["KAFKA_ADVERTISED_LISTENERS"] = ReferenceExpression.Create(
                    $"PLAINTEXT://{kafka.PrimaryEndpoint.Property(EndpointProperty.Host)}:{kafka.PrimaryEndpoint.Property(EndpointProperty.Port)}");
                env["KAFKA_CONTROLLER_LISTENER_NAMES"] = "CONTROLLER";
                env["KAFKA_LISTENER_SECURITY_PROTOCOL_MAP"] = "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT";
                env["KAFKA_CONTROLLER_QUORUM_VOTERS"] = "1@localhost:9093";
                env["KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR"] = "1";
                env["KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR"] = "1";
                env["KAFKA_TRANSACTION_STATE_LOG_MIN_ISR"] = "1";
                env["KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS"] = "0";
                env["KAFKA_NUM_PARTITIONS"] = Topics.Partitions.ToString(CultureInfo.InvariantCulture);
                env["KAFKA_AUTO_CREATE_TOPICS_ENABLE"] = "true";
                env["KAFKA_LOG_DIRS"] = "/var/lib/kafka/data";
            })
            .WithVolume($"{name}-data", "/var/lib/kafka/data")
            .WithHealthCheck(key)
            .WithDeadLetterCommands();
    }

    /// <summary>
    /// Runs librdkafka's mock cluster inside the AppHost instead of the container, with every topic created up front
    /// and commands that take its broker down and up (fault drills); nothing changes when publishing.
    /// </summary>
    public static IResourceBuilder<KafkaServerResource> RunAsMockCluster(this IResourceBuilder<KafkaServerResource> kafka)
    {
        ArgumentNullException.ThrowIfNull(kafka);
        var builder = kafka.ApplicationBuilder;
        if (builder.ExecutionContext.IsPublishMode) return kafka;

        var mock = new KafkaMockClusterResource(kafka.Resource.Name);
        kafka.Resource.MockCluster = mock;
        builder.Eventing.Subscribe<InitializeResourceEvent>(mock, async (e, ct) =>
        {
            var cluster = new LibrdkafkaMockCluster(Topics.All, Topics.Partitions);
            e.Services.GetRequiredService<MockClusterLifetime>().Track(cluster);
            mock.Bootstrap.Value = cluster.BootstrapServers;
            mock.Cluster = cluster;

            await e.Notifications.PublishUpdateAsync(mock, s => s with
            {
                State = KnownResourceStates.Running,
                StartTimeStamp = DateTime.UtcNow,
                Properties = [.. s.Properties, new("kafka.bootstrapServers", cluster.BootstrapServers)],
            });
            await e.Eventing.PublishAsync(new ConnectionStringAvailableEvent(mock, e.Services), ct);
        });
        builder.Services.TryAddSingleton<MockClusterLifetime>();

        LocalProcess.Replace(kafka, mock)
            .WithCommand(KafkaMockClusterResource.BrokerDownCommand, "Take the broker down", _ => Run(mock, c => c.BrokerDown()))
            .WithCommand(KafkaMockClusterResource.BrokerUpCommand, "Bring the broker up", _ => Run(mock, c => c.BrokerUp()))
            .WithInitialState(new CustomResourceSnapshot
            {
                ResourceType = "Kafka (librdkafka mock)",
                State = KnownResourceStates.Starting,
                Properties = [],
            });
        return kafka;
    }

    public const string ListDeadLettersCommand = "list-dead-letters";
    public const string ReplayDeadLettersCommand = "replay-dead-letters";

    /// <summary>
    /// The dashboard's view of the dead-letter topic: events a consumer could never handle, listed with their errors and
    /// replayed onto their original topics once the cause is fixed.
    /// </summary>
    private static IResourceBuilder<KafkaServerResource> WithDeadLetterCommands(this IResourceBuilder<KafkaServerResource> kafka) => kafka
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
        new(await kafka.ConnectionStringExpression.GetValueAsync(ct) ?? throw new InvalidOperationException("Kafka has no address yet."),
            Topics.DeadLetters);

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
