using FlashSales.EventBus;

namespace FlashSales.IntegrationEvents;

[Topic(Topics.Payments)]
public sealed record PaymentSucceededIntegrationEvent(Guid OrderId, Guid PaymentId, decimal Amount) : OrderIntegrationEvent(OrderId);

[Topic(Topics.Payments)]
public sealed record PaymentFailedIntegrationEvent(Guid OrderId, Guid PaymentId, string Reason) : OrderIntegrationEvent(OrderId);

/// <summary>The payment's money went back to the shopper (at most once per charge).</summary>
[Topic(Topics.Payments)]
public sealed record PaymentRefundedIntegrationEvent(Guid OrderId, Guid PaymentId, decimal Amount) : OrderIntegrationEvent(OrderId);
