using System.Text.Json.Serialization;

namespace FlashSales.EventBus;

/// <summary>
/// A fact one service tells the others. Events of one aggregate share a topic and a partition key,
/// so a consumer sees them in the order they happened.
/// </summary>
public abstract record IntegrationEvent
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public DateTime OccurredAt { get; init; } = DateTime.UtcNow;

    [JsonIgnore]
    public string Topic => TopicAttribute.Of(GetType());

    [JsonIgnore]
    public abstract string PartitionKey { get; }
}
