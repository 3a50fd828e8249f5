namespace FlashSales.Order.Model;

public enum OrderStatus
{
    Pending,
    Completed,
    Failed,
    Expired,
    Cancelled,
}
