namespace FlashSales.Ordering.Model;

public sealed class OrderLine
{
    private OrderLine() { }

    public OrderLine(Guid productId, string productName, decimal unitPrice, int quantity)
    {
        ProductId = productId;
        ProductName = productName;
        UnitPrice = Money(unitPrice);
        Quantity = quantity;
    }

    public Guid OrderId { get; private set; }
    public Guid ProductId { get; private set; }
    public string ProductName { get; private set; } = "";
    public decimal UnitPrice { get; private set; }
    public int Quantity { get; private set; }

    // Two decimals, with the scale MySQL's decimal(18,2) gives back: 7 is stored and read as 7.00, so an order answered
    // at once serialises exactly as the same order read back.
    internal static decimal Money(decimal amount) => decimal.Round(amount, 2) + 0.00m;
}
