using FlashSales.EventBus;

namespace FlashSales.IntegrationEvents;

/// <summary>A paid order's units were released before its confirmation arrived and are gone: its payment must be refunded.</summary>
[Topic(Topics.StockShortages)]
public sealed record StockShortIntegrationEvent(Guid OrderId) : OrderIntegrationEvent(OrderId);
