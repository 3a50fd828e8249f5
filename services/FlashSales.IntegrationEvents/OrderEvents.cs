using FlashSales.EventBus;

namespace FlashSales.IntegrationEvents;

// The order service decides every order's one final status; the product service confirms or releases stock from these
// events only, so a late or duplicated payment can never both confirm and release the same units.

[Topic(Topics.Orders)]
public sealed record OrderCompletedIntegrationEvent(Guid OrderId) : OrderIntegrationEvent(OrderId);

[Topic(Topics.Orders)]
public sealed record OrderFailedIntegrationEvent(Guid OrderId, string Reason) : OrderIntegrationEvent(OrderId);

[Topic(Topics.Orders)]
public sealed record OrderCancelledIntegrationEvent(Guid OrderId) : OrderIntegrationEvent(OrderId);

/// <summary>A paid order cannot be fulfilled (it had ended, or its units were gone): its payment goes back to the shopper.</summary>
[Topic(Topics.Refunds)]
public sealed record OrderRefundRequestedIntegrationEvent(Guid OrderId, string Reason) : OrderIntegrationEvent(OrderId);
