using System.Text;
using Confluent.Kafka;

namespace FlashSales.EventBus.Kafka;

internal static class KafkaHeaders
{
    public const string EventId = "event-id";
    public const string EventType = "event-type";

    // A dead letter's headers: where it came from and why it could not be handled.
    public const string OriginalTopic = "original-topic";
    public const string OriginalPartitionOffset = "original-partition-offset";
    public const string ConsumerGroup = "consumer-group";
    public const string Error = "error";

    public static string? Get(Headers headers, string name) =>
        headers.TryGetLastBytes(name, out var bytes) ? Encoding.UTF8.GetString(bytes) : null;

    public static void Set(Headers headers, string name, string value)
    {
        headers.Remove(name);
        headers.Add(name, Encoding.UTF8.GetBytes(value));
    }
}
