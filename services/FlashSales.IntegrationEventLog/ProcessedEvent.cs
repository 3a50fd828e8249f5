namespace FlashSales.IntegrationEventLog;

/// <summary>Marks that a handler has applied an event; its key makes a redelivered event a no-op.</summary>
public sealed class ProcessedEvent(Guid eventId, string handler, DateTime processedAt)
{
    public Guid EventId { get; private set; } = eventId;
    public string Handler { get; private set; } = handler;
    public DateTime ProcessedAt { get; private set; } = processedAt;
}
