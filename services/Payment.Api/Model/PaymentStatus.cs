namespace FlashSales.Payment.Model;

public enum PaymentStatus
{
    Succeeded,
    Failed,
}
