namespace FlashSales.Ordering.Model;

public enum OrderStatus
{
    Pending,
    Completed,
    Failed,
    Expired,
    Cancelled,

    /// <summary>Paid, but it cannot be fulfilled (it had ended, or its units were gone): the money is on its way back.</summary>
    Refunding,

    /// <summary>The payment went back to the shopper.</summary>
    Refunded,
}
