using MySqlConnector;

namespace FlashSales.IntegrationTests;

/// <summary>The simulated card processor's own books (in paymentdb): what it charged and refunded for an order.</summary>
public sealed class ProcessorLedger(FlashSalesApp system)
{
    public sealed record Entries(long ApprovedCharges, long Refunds, long ClosedUncharged);

    public async Task<Entries> OfOrderAsync(Guid orderId) => new(
        await CountAsync($"SELECT COUNT(*) FROM simulated_charges WHERE OrderId = '{orderId}' AND Approved"),
        await CountAsync($"SELECT COUNT(*) FROM simulated_refunds WHERE OrderId = '{orderId}'"),
        await CountAsync($"SELECT COUNT(*) FROM simulated_charges WHERE OrderId = '{orderId}' AND DeclineReason = 'closed_uncharged'"));

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = new MySqlConnection(await system.DatabaseAsync("paymentdb"));
        await connection.OpenAsync();
        await using var command = new MySqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }
}
