namespace FlashSales.Payments.Payments;

public sealed class PaymentOptions
{
    /// <summary>A Pending payment older than this lost its outcome (a crash, a processor error): the resolver asks the processor again with its
    /// key.</summary>
    public TimeSpan ResolvePendingAfter { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan ResolveInterval { get; set; } = TimeSpan.FromSeconds(5);

    public int ResolveBatch { get; set; } = 100;
}
