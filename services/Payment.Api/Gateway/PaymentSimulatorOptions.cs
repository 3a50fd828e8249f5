namespace FlashSales.Payment.Gateway;

public sealed class PaymentSimulatorOptions
{
    /// <summary>Share of charges approved when the card number does not decide the outcome (0..1).</summary>
    public double SuccessRate { get; set; } = 1.0;

    public TimeSpan Latency { get; set; } = TimeSpan.FromMilliseconds(20);
}
