using FlashSales.EventBus;

namespace FlashSales.IntegrationEvents;

/// <summary>
/// A unit that came back went to the first shopper on its waitlist: the product service holds it under a lease for
/// <paramref name="OrderId"/> until <paramref name="ExpiresAt"/>, and the order service records the shopper's Pending
/// order, which is paid (or lapses) like any other.
/// </summary>
[Topic(Topics.Waitlist)]
public sealed record WaitlistClaimGrantedIntegrationEvent(
    Guid OrderId, string UserId, Guid ProductId, string ProductName, decimal UnitPrice, int Quantity, DateTime ExpiresAt)
    : OrderIntegrationEvent(OrderId);
