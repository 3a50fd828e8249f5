namespace FlashSales.Catalog.Model;

public sealed class Product
{
    private Product() { }

    public Guid Id { get; private set; }
    public string Name { get; private set; } = "";
    public string Description { get; private set; } = "";
    public decimal Price { get; private set; }
    public ProductKind Kind { get; private set; }

    /// <summary>Units the shop has, including those reserved by unpaid orders; confirmed sales are deducted.</summary>
    public int Stock { get; private set; }

    /// <summary>Units held by unpaid orders. Invariant: 0 &lt;= Reserved &lt;= Stock.</summary>
    public int Reserved { get; private set; }

    /// <summary>Units sold (confirmed) so far: Stock + Sold is everything the sale offered.</summary>
    public int Sold { get; private set; }

    public DateTime? OpensAt { get; private set; }
    public DateTime? ClosesAt { get; private set; }

    /// <summary>How many units one user may buy of an event product.</summary>
    public int? PerUserLimit { get; private set; }

    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }
    public DateTime? DeletedAt { get; private set; }

    /// <summary>Optimistic concurrency token, bumped by every change.</summary>
    public int Version { get; private set; }

    public int Available => Stock - Reserved;

    public SaleWindow? Window => OpensAt is { } opens ? new SaleWindow(opens, ClosesAt) : null;

    public static Product CreateRegular(string name, string description, decimal price, int stock, DateTime now) =>
        New(name, description, price, stock, ProductKind.Regular, now);

    public static Product CreateEvent(string name, string description, decimal price, int stock, SaleWindow window, int perUserLimit, DateTime now)
    {
        var product = New(name, description, price, stock, ProductKind.Event, now);
        product.Schedule(window, perUserLimit, now);
        return product;
    }

    private static Product New(string name, string description, decimal price, int stock, ProductKind kind, DateTime now) => new()
    {
        Id = Guid.CreateVersion7(),
        Name = name,
        Description = description,
        Price = price,
        Kind = kind,
        Stock = stock,
        CreatedAt = now,
        UpdatedAt = now,
    };

    public void Describe(string name, string description, decimal price, DateTime now)
    {
        (Name, Description, Price) = (name, description, price);
        Touch(now);
    }

    public void Schedule(SaleWindow window, int perUserLimit, DateTime now)
    {
        if (Kind != ProductKind.Event) throw new InvalidOperationException("Only event products have a sale window.");
        (OpensAt, ClosesAt, PerUserLimit) = (window.OpensAt, window.ClosesAt, perUserLimit);
        Touch(now);
    }

    public void Delete(DateTime now)
    {
        DeletedAt = now;
        Touch(now);
    }

    private void Touch(DateTime now)
    {
        UpdatedAt = now;
        Version++;
    }
}
