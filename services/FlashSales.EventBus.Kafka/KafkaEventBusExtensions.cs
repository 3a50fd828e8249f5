using FlashSales.EventBus;
using FlashSales.EventBus.Kafka;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace FlashSales.EventBus.Kafka;

public static class KafkaEventBusExtensions
{
    /// <summary>
    /// The Kafka event bus, configured from the connection string named <paramref name="connectionName"/>. Events its
    /// consumer cannot handle go to <paramref name="deadLetterTopic"/>.
    /// </summary>
    public static IEventBusBuilder AddKafkaEventBus(this IHostApplicationBuilder builder, string connectionName, string deadLetterTopic)
    {
        var bootstrapServers = builder.Configuration.GetConnectionString(connectionName)
            ?? throw new InvalidOperationException($"Connection string '{connectionName}' is missing.");

        builder.Services.Configure<KafkaEventBusOptions>(builder.Configuration.GetSection("EventBus"));
        builder.Services.PostConfigure<KafkaEventBusOptions>(options =>
        {
            options.BootstrapServers = bootstrapServers;
            options.DeadLetterTopic = deadLetterTopic;
            if (string.IsNullOrEmpty(options.ConsumerGroup)) options.ConsumerGroup = builder.Environment.ApplicationName;
        });
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<KafkaEventBus>();
        builder.Services.AddSingleton<IEventBus>(sp => sp.GetRequiredService<KafkaEventBus>());
        builder.Services.AddSingleton<KafkaConsumerMetrics>();
        builder.Services.AddHostedService<KafkaConsumerService>();
        builder.Services.AddSingleton<KafkaHealthCheck>();
        builder.Services.AddHealthChecks().AddCheck<KafkaHealthCheck>(connectionName);

        return new EventBusBuilder(builder.Services);
    }

    private sealed class EventBusBuilder(IServiceCollection services) : IEventBusBuilder
    {
        public IServiceCollection Services => services;
    }
}
