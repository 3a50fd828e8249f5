namespace FlashSales.Product.Model;

public enum SaleState
{
    Upcoming,
    Open,
    Closed,
    SoldOut,
}
