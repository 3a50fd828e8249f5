namespace FlashSales.EventBus.Kafka;

/// <summary>An event whose message cannot be read as its type: no retry can help, so it is dead-lettered at once.</summary>
internal sealed class UnreadableEventException(string message, Exception? inner = null) : Exception(message, inner);
