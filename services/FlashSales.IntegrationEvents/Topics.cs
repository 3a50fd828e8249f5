namespace FlashSales.IntegrationEvents;

/// <summary>Every Kafka topic FlashSales uses. Events of one order are keyed by the order id on their topic.</summary>
public static class Topics
{
    public const string Payments = "flashsales.payments";
    public const string Orders = "flashsales.orders";
    public const string Stock = "flashsales.stock";

    public static readonly IReadOnlyList<string> All = [Payments, Orders, Stock];

    /// <summary>Partitions per topic; the local Kafka stand-in keeps ~5 MiB per partition, so more partitions hold more backlog.</summary>
    public const int Partitions = 8;
}
