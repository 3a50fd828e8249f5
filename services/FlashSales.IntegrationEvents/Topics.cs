namespace FlashSales.IntegrationEvents;

/// <summary>Every Kafka topic FlashSales uses. Events of one order are keyed by the order id on their topic.</summary>
public static class Topics
{
    public const string Payments = "flashsales.payments";
    /// <summary>An order's outcome (completed, failed, cancelled): what moves stock.</summary>
    public const string Orders = "flashsales.orders";

    /// <summary>A paid order whose units were gone when its confirmation arrived: the order service refunds it.</summary>
    public const string StockShortages = "flashsales.stock.shortages";

    /// <summary>Paid orders that cannot be fulfilled: the payment service gives the money back.</summary>
    public const string Refunds = "flashsales.refunds";

    /// <summary>Claims the product service made for shoppers on a waitlist: the order service records each as an order.</summary>
    public const string Waitlist = "flashsales.waitlist";

    /// <summary>
    /// Events a consumer could not handle after its bounded retries, with the error in their headers: kept for a person
    /// to look at (and replay), instead of stalling every later event of their partition.
    /// </summary>
    public const string DeadLetters = "flashsales.dead-letters";

    public static readonly IReadOnlyList<string> All = [Payments, Orders, StockShortages, Refunds, Waitlist, DeadLetters];

    /// <summary>Partitions per topic; the local Kafka stand-in keeps ~5 MiB per partition, so more partitions hold more backlog.</summary>
    public const int Partitions = 8;
}
