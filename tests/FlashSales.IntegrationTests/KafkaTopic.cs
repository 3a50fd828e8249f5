using Confluent.Kafka;

namespace FlashSales.IntegrationTests;

/// <summary>Reads a topic from its start, as a fresh consumer group would.</summary>
internal static class KafkaTopic
{
    public static Message<string, string> ReadMessage(string bootstrap, string topic, string key, string? eventType = null)
    {
        using var consumer = new ConsumerBuilder<string, string>(new ConsumerConfig
        {
            BootstrapServers = bootstrap,
            GroupId = $"test-reader-{Guid.NewGuid():N}",
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = false,
        }).Build();
        consumer.Subscribe(topic);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var result = consumer.Consume(TimeSpan.FromMilliseconds(500));
            if (result?.Message is not { } message || message.Key != key) continue;
            if (eventType is null
                || (message.Headers.TryGetLastBytes("event-type", out var type) && System.Text.Encoding.UTF8.GetString(type) == eventType))
                return message;
        }
        throw new TimeoutException($"No message keyed {key} on {topic}");
    }
}
