namespace FlashSales.IntegrationTests;

/// <summary>The simulated card processor's own books (in paymentdb): what it charged and refunded for an order.</summary>
public sealed class ProcessorLedger(FlashSalesApp system)
{
    public sealed record Entries(long ApprovedCharges, long Refunds, long ClosedUncharged);

    public async Task<Entries> OfOrderAsync(Guid orderId) => new(
        await CountAsync($"SELECT COUNT(*) FROM simulated_charges WHERE OrderId = '{orderId}' AND Approved"),
        await CountAsync($"SELECT COUNT(*) FROM simulated_refunds WHERE OrderId = '{orderId}'"),
        await CountAsync($"SELECT COUNT(*) FROM simulated_charges WHERE OrderId = '{orderId}' AND DeclineReason = 'closed_uncharged'"));

    private async Task<long> CountAsync(string sql) => await Sql.CountAsync(await system.DatabaseAsync("paymentdb"), sql);
}
