using FlashSales.Catalog.Browsing;
using FlashSales.Catalog.Model;

namespace FlashSales.UnitTests;

public sealed class SaleStateTests
{
    private static readonly DateTime Opens = new(2026, 12, 1, 10, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(-1, SaleState.Upcoming)]
    [InlineData(0, SaleState.Open)]
    [InlineData(59, SaleState.Open)]
    [InlineData(60, SaleState.Closed)]
    public void A_window_is_open_from_its_opening_up_to_but_not_at_its_closing(int minutesAfterOpening, SaleState expected) =>
        Assert.Equal(expected, new SaleWindow(Opens, Opens.AddHours(1)).StateAt(Opens.AddMinutes(minutesAfterOpening)));

    [Fact]
    public void A_window_without_closing_stays_open() =>
        Assert.Equal(SaleState.Open, new SaleWindow(Opens, null).StateAt(Opens.AddYears(5)));

    [Theory]
    [InlineData(-1, 5, "upcoming")]
    [InlineData(-1, 0, "upcoming")]
    [InlineData(1, 5, "open")]
    [InlineData(1, 0, "sold-out")]
    [InlineData(120, 5, "closed")]
    [InlineData(120, 0, "closed")]
    public void An_event_product_shows_upcoming_and_closed_before_sold_out(int minutesAfterOpening, long available, string expected)
    {
        var product = Product.CreateEvent("drop", "", 10m, 5, new SaleWindow(Opens, Opens.AddHours(1)), 1, Opens.AddDays(-1));
        var view = ProductView.From(ProductSnapshot.From(product), available, Opens.AddMinutes(minutesAfterOpening));
        Assert.Equal(expected, view.State);
    }

    [Theory]
    [InlineData(3, "open")]
    [InlineData(0, "sold-out")]
    public void A_regular_product_is_open_while_it_has_units(long available, string expected)
    {
        var product = Product.CreateRegular("tee", "", 10m, 5, Opens);
        Assert.Equal(expected, ProductView.From(ProductSnapshot.From(product), available, Opens).State);
    }

    [Theory]
    [InlineData("upcoming", SaleState.Upcoming)]
    [InlineData("SOLD-OUT", SaleState.SoldOut)]
    public void State_names_parse_back(string name, SaleState state)
    {
        Assert.True(SaleStates.TryParse(name, out var parsed));
        Assert.Equal(state, parsed);
        Assert.False(SaleStates.TryParse("soldout", out _));
    }
}
