namespace FlashSales.ReservationContracts;

/// <summary>
/// The product service keeps, in Redis, the set of products with no unit left and announces every change on a
/// channel ("+id" sold out, "-id" available again), so the first service a buyer reaches can refuse a sold-out product
/// without asking anyone.
/// </summary>
public static class SoldOutFlags
{
    public const string SetKey = "fs:sold-out";
    public const string Channel = "fs:sold-out";
}
