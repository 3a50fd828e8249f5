namespace FlashSales.Catalog.Model;

public enum ProductKind
{
    /// <summary>On sale whenever it has stock.</summary>
    Regular,

    /// <summary>On sale only inside its window, first come first served, with a per-user limit.</summary>
    Event,
}
