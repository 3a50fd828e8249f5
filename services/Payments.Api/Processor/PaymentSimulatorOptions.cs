namespace FlashSales.Payments.Processor;

public sealed class PaymentSimulatorOptions
{
    /// <summary>Share of charges approved when the card number does not decide the outcome (0..1).</summary>
    public double SuccessRate { get; set; } = 1.0;

    public TimeSpan Latency { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>How long the processor takes to answer a charge of <see cref="SimulatedPaymentGateway.SlowCard"/>.</summary>
    public TimeSpan SlowCardLatency { get; set; } = TimeSpan.FromSeconds(45);
}
