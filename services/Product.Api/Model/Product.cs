namespace FlashSales.Product.Model;

public sealed class Product
{
    private Product() { }

    public Guid Id { get; private set; }
    public string Name { get; private set; } = "";
    public string Description { get; private set; } = "";
    public decimal Price { get; private set; }
    public int Stock { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }

    public static Product Create(string name, string description, decimal price, int stock, DateTime now) => new()
    {
        Id = Guid.CreateVersion7(),
        Name = name,
        Description = description,
        Price = price,
        Stock = stock,
        CreatedAt = now,
        UpdatedAt = now,
    };
}
