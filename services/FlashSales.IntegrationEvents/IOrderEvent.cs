namespace FlashSales.IntegrationEvents;

/// <summary>An event about one order.</summary>
public interface IOrderEvent
{
    Guid OrderId { get; }
}
