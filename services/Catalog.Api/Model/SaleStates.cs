namespace FlashSales.Catalog.Model;

/// <summary>The names the API uses for sale states: upcoming, open, closed, sold-out.</summary>
public static class SaleStates
{
    public static string Name(SaleState state) => state switch
    {
        SaleState.Upcoming => "upcoming",
        SaleState.Open => "open",
        SaleState.Closed => "closed",
        _ => "sold-out",
    };

    public static bool TryParse(string? name, out SaleState state)
    {
        foreach (var candidate in Enum.GetValues<SaleState>())
        {
            if (string.Equals(Name(candidate), name, StringComparison.OrdinalIgnoreCase))
            {
                state = candidate;
                return true;
            }
        }
        state = default;
        return false;
    }
}
