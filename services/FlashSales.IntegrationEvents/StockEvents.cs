using FlashSales.EventBus;

namespace FlashSales.IntegrationEvents;

public sealed record StockLine(Guid ProductId, int Quantity);

/// <summary>An order's reserved units are sold: deducted from stock.</summary>
[Topic(Topics.Stock)]
public sealed record StockConfirmedIntegrationEvent(Guid OrderId, IReadOnlyList<StockLine> Lines) : IntegrationEvent
{
    public override string PartitionKey => OrderId.ToString();
}

/// <summary>An order's reserved units are available again.</summary>
[Topic(Topics.Stock)]
public sealed record StockReleasedIntegrationEvent(Guid OrderId, string UserId, IReadOnlyList<StockLine> Lines) : IntegrationEvent
{
    public override string PartitionKey => OrderId.ToString();
}

/// <summary>A paid order's units were released before its confirmation arrived and are gone: its payment must be refunded.</summary>
[Topic(Topics.StockShortages)]
public sealed record StockShortIntegrationEvent(Guid OrderId) : IntegrationEvent
{
    public override string PartitionKey => OrderId.ToString();
}
