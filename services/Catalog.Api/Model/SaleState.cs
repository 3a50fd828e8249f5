namespace FlashSales.Catalog.Model;

public enum SaleState
{
    Upcoming,
    Open,
    Closed,
    SoldOut,
}
