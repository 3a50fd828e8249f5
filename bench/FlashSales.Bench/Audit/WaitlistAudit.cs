using MySqlConnector;

namespace FlashSales.Bench.Audit;

/// <summary>
/// What must hold of event products' waitlists once their sale settled: every unit that came back went to a waitlisted
/// shopper (as one lease of one unit, recorded as their order) or back on sale, in the order shoppers joined, and none
/// was lost, held on, or offered twice.
/// </summary>
public static class WaitlistAudit
{
    private const string ProductDb = AuditSnapshotReader.ProductDb;
    private const string OrderDb = AuditSnapshotReader.OrderDb;

    public sealed record Counts(
        long Unbalanced, long Sold, long SoldToWaitlisted, long Offered, long OfferLeases, long SharedOffers, long OffersWithoutOrder,
        long ServedOutOfTurn, long WaitingWhileOnSale, long StillWaiting);

    /// <summary>The products' waitlists and units as MySQL has them; <paramref name="units"/> is each product's initial stock.</summary>
    public static async Task<Counts> ReadAsync(string connectionString, IReadOnlyCollection<Guid> products, int units, CancellationToken ct)
    {
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync(ct);
        var ids = string.Join(",", products.Select(p => $"'{p}'"));
        var inProducts = $"w.ProductId IN ({ids})";
        async Task<long> CountAsync(string sql)
        {
            await using var command = new MySqlCommand(sql, connection);
            SqlStatementCounter.CountOwn(1);
            return Convert.ToInt64(await command.ExecuteScalarAsync(ct));
        }

        return new Counts(
            Unbalanced: await CountAsync(
                $"SELECT COUNT(*) FROM {ProductDb}.products WHERE Id IN ({ids}) AND (Stock + Sold <> {units} OR Reserved <> 0)"),
            Sold: await CountAsync($"SELECT COALESCE(SUM(Sold), 0) FROM {ProductDb}.products WHERE Id IN ({ids})"),
            SoldToWaitlisted: await CountAsync(
                $"SELECT COUNT(*) FROM {ProductDb}.waitlist w JOIN {OrderDb}.orders o ON o.Id = w.OrderId " +
                $"WHERE {inProducts} AND o.Status = 'Completed'"),
            Offered: await CountAsync($"SELECT COUNT(*) FROM {ProductDb}.waitlist w WHERE {inProducts} AND w.Status = 'Offered'"),
            OfferLeases: await CountAsync(
                $"SELECT COUNT(*) FROM {ProductDb}.waitlist w JOIN {ProductDb}.reservations r ON r.OrderId = w.OrderId " +
                $"AND r.ProductId = w.ProductId AND r.UserId = w.UserId AND r.Quantity = 1 WHERE {inProducts} AND w.Status = 'Offered'"),
            SharedOffers: await CountAsync(
                $"SELECT COUNT(*) FROM (SELECT w.OrderId FROM {ProductDb}.waitlist w WHERE {inProducts} AND w.OrderId IS NOT NULL " +
                "GROUP BY w.OrderId HAVING COUNT(*) > 1) d"),
            OffersWithoutOrder: await CountAsync(
                $"SELECT COUNT(*) FROM {ProductDb}.waitlist w LEFT JOIN {OrderDb}.orders o ON o.Id = w.OrderId " +
                $"WHERE {inProducts} AND w.Status = 'Offered' AND o.Id IS NULL"),
            ServedOutOfTurn: await CountAsync(
                $"SELECT COUNT(*) FROM {ProductDb}.waitlist w JOIN {ProductDb}.waitlist later ON later.ProductId = w.ProductId " +
                $"WHERE {inProducts} AND w.Status = 'Waiting' AND later.Status = 'Offered' AND later.JoinedAt > w.JoinedAt"),
            WaitingWhileOnSale: await CountAsync(
                $"SELECT COUNT(*) FROM {ProductDb}.waitlist w JOIN {ProductDb}.products p ON p.Id = w.ProductId " +
                $"WHERE {inProducts} AND w.Status = 'Waiting' AND p.Stock > p.Reserved"),
            StillWaiting: await CountAsync($"SELECT COUNT(*) FROM {ProductDb}.waitlist w WHERE {inProducts} AND w.Status = 'Waiting'"));
    }

    public static IReadOnlyList<AuditCheck> Checks(Counts c) =>
    [
        new("waitlist: every unit that came back ended sold to a waitlisted shopper or back on sale (none lost, none held)",
            c.Unbalanced == 0 && c.Sold == c.SoldToWaitlisted,
            $"{c.Unbalanced} products off balance (stock + sold ≠ initial, or units still held); {c.Sold} units sold, " +
            $"{c.SoldToWaitlisted} of them to waitlisted shoppers"),
        new("waitlist: each offer is one lease of one unit for its shopper, no unit offered twice",
            c.OfferLeases == c.Offered && c.SharedOffers == 0,
            $"{c.Offered} offers, {c.OfferLeases} with their lease, {c.SharedOffers} order ids offered twice"),
        new("waitlist: every offer reached its shopper as an order", c.OffersWithoutOrder == 0,
            $"{c.OffersWithoutOrder} offers without an order"),
        new("waitlist: offers went in joining order, and nothing went back on sale while a shopper waited",
            c.ServedOutOfTurn == 0 && c.WaitingWhileOnSale == 0,
            $"{c.ServedOutOfTurn} shoppers passed over, {c.WaitingWhileOnSale} waiting while units were on sale " +
            $"({c.StillWaiting} still waiting for sold-out products)"),
    ];
}
