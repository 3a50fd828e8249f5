using System.Diagnostics.Metrics;
using FlashSales.EventBus;

namespace FlashSales.Payments.Payments;

/// <summary>What a shop operator watches of a sale's money: payments by outcome, and refunds.</summary>
public sealed class PaymentMetrics
{
    private readonly Counter<long> _payments;
    private readonly Counter<decimal> _refunded;

    public PaymentMetrics(IMeterFactory meters)
    {
        var meter = FlashSalesMeter.Create(meters);
        _payments = meter.CreateCounter<long>("flashsales.payments", "{payment}",
            "Payments by outcome as recorded: succeeded, failed (declined), refunded, or abandoned (the processor never answered; nothing charged).");
        _refunded = meter.CreateCounter<decimal>("flashsales.payments.refunded_amount", "{currency}",
            "Money given back to shoppers whose paid order could not be fulfilled.");
    }

    public void Recorded(Payment payment)
    {
        _payments.Add(1, new KeyValuePair<string, object?>("outcome", payment.Status.ToString().ToLowerInvariant()));
        if (payment.Status == PaymentStatus.Refunded) _refunded.Add(payment.Amount);
    }

    public void Abandoned() => _payments.Add(1, new KeyValuePair<string, object?>("outcome", "abandoned"));
}
