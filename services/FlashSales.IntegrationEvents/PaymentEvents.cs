using FlashSales.EventBus;

namespace FlashSales.IntegrationEvents;

[Topic(Topics.Payments)]
public sealed record PaymentSucceededIntegrationEvent(Guid OrderId, Guid PaymentId, decimal Amount) : IntegrationEvent
{
    public override string PartitionKey => OrderId.ToString();
}

[Topic(Topics.Payments)]
public sealed record PaymentFailedIntegrationEvent(Guid OrderId, Guid PaymentId, string Reason) : IntegrationEvent
{
    public override string PartitionKey => OrderId.ToString();
}

/// <summary>The payment's money went back to the shopper (at most once per charge).</summary>
[Topic(Topics.Payments)]
public sealed record PaymentRefundedIntegrationEvent(Guid OrderId, Guid PaymentId, decimal Amount) : IntegrationEvent
{
    public override string PartitionKey => OrderId.ToString();
}
