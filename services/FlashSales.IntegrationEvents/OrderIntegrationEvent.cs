using FlashSales.EventBus;

namespace FlashSales.IntegrationEvents;

/// <summary>
/// An event about one order. Every event FlashSales sends is one: keyed by the order, so a consumer sees an order's
/// events in the order they happened.
/// </summary>
public abstract record OrderIntegrationEvent(Guid OrderId) : IntegrationEvent
{
    public override string PartitionKey => OrderId.ToString();
}
