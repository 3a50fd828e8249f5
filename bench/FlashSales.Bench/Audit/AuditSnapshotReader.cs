using System.Data.Common;
using FlashSales.EventBus.Kafka;
using FlashSales.IntegrationEvents;
using FlashSales.Catalog.Reservations;
using MySqlConnector;
using StackExchange.Redis;

namespace FlashSales.Bench.Audit;

/// <summary>Reads the audit's snapshot: every MySQL query inside one consistent-snapshot transaction, then the Redis counters.</summary>
public static class AuditSnapshotReader
{
    public const string ProductDb = "productdb";
    public const string OrderDb = "orderdb";
    public const string PaymentDb = "paymentdb";
    public static readonly string[] Databases = [ProductDb, OrderDb, PaymentDb];

    public static async Task<AuditSnapshot> ReadAsync(string mySqlConnectionString, string redisConnectionString, string? kafkaBootstrapServers,
        CancellationToken ct)
    {
        await using var connection = new MySqlConnection(mySqlConnectionString);
        await connection.OpenAsync(ct);
        await ExecuteAsync(connection, "START TRANSACTION WITH CONSISTENT SNAPSHOT", ct);

        var products = await QueryAsync(connection, $"SELECT Id, Stock, Reserved, DeletedAt IS NOT NULL FROM {ProductDb}.products",
            r => new AuditSnapshot.ProductRow(r.GetGuid(0), r.GetInt32(1), r.GetInt32(2), r.GetBoolean(3)), ct);
        var reservations = await QueryAsync(connection,
            $"SELECT ProductId, Status, SUM(Quantity) FROM {ProductDb}.reservations GROUP BY ProductId, Status",
            r => new AuditSnapshot.ReservedUnits(r.GetGuid(0), r.GetString(1), r.GetInt64(2)), ct);
        var pendingLines = (await QueryAsync(connection,
            $"SELECT l.ProductId, SUM(l.Quantity) FROM {OrderDb}.order_lines l JOIN {OrderDb}.orders o ON o.Id = l.OrderId " +
            "WHERE o.Status = 'Pending' GROUP BY l.ProductId",
            r => (ProductId: r.GetGuid(0), Units: r.GetInt64(1)), ct)).ToDictionary(x => x.ProductId, x => x.Units);
        var orderIds = (await QueryAsync(connection, $"SELECT Id FROM {OrderDb}.orders", r => r.GetGuid(0), ct)).ToHashSet();
        var pairs = await QueryAsync(connection,
            $"SELECT r.Status, COALESCE(o.Status, '(none)'), COUNT(DISTINCT r.OrderId) FROM {ProductDb}.reservations r " +
            $"LEFT JOIN {OrderDb}.orders o ON o.Id = r.OrderId GROUP BY r.Status, o.Status",
            r => new AuditSnapshot.ReservationOrderPair(r.GetString(0), r.GetString(1), r.GetInt64(2)), ct);
        var withoutReservation = await QueryAsync(connection,
            $"SELECT o.Status, COUNT(*) FROM {OrderDb}.orders o " +
            $"WHERE NOT EXISTS (SELECT 1 FROM {ProductDb}.reservations r WHERE r.OrderId = o.Id) GROUP BY o.Status",
            r => new AuditSnapshot.OrdersByStatus(r.GetString(0), r.GetInt64(1)), ct);
        var orphanExamples = await QueryAsync(connection,
            $"SELECT r.OrderId, TIMESTAMPDIFF(SECOND, MIN(r.CreatedAt), UTC_TIMESTAMP()) AS Held FROM {ProductDb}.reservations r " +
            $"LEFT JOIN {OrderDb}.orders o ON o.Id = r.OrderId WHERE r.Status = 'Reserved' AND o.Id IS NULL " +
            "GROUP BY r.OrderId ORDER BY Held DESC LIMIT 3",
            r => new AuditSnapshot.Orphan(r.GetGuid(0), r.GetInt64(1)), ct);
        var payments = await QueryAsync(connection,
            $"SELECT p.Status, COALESCE(o.Status, '(none)'), COUNT(*) FROM {PaymentDb}.payments p " +
            $"LEFT JOIN {OrderDb}.orders o ON o.Id = p.OrderId GROUP BY p.Status, o.Status",
            r => new AuditSnapshot.PaymentOrderPair(r.GetString(0), r.GetString(1), r.GetInt64(2)), ct);
        var paidWithoutPayment = await QueryAsync(connection,
            $"SELECT o.Status, COUNT(*) FROM {OrderDb}.orders o WHERE o.Status IN ('Completed', 'Refunding', 'Refunded') AND NOT EXISTS " +
            $"(SELECT 1 FROM {PaymentDb}.payments p WHERE p.OrderId = o.Id AND p.Status IN ('Succeeded', 'Refunded')) GROUP BY o.Status",
            r => new AuditSnapshot.OrdersByStatus(r.GetString(0), r.GetInt64(1)), ct);
        var ledger = (await QueryAsync(connection,
            $"SELECT (SELECT COUNT(*) FROM {PaymentDb}.simulated_charges WHERE Approved), " +
            $"(SELECT COALESCE(SUM(Amount), 0) FROM {PaymentDb}.simulated_charges WHERE Approved), " +
            $"(SELECT COUNT(*) FROM {PaymentDb}.simulated_refunds), (SELECT COALESCE(SUM(Amount), 0) FROM {PaymentDb}.simulated_refunds), " +
            $"(SELECT COUNT(*) FROM {PaymentDb}.payments WHERE Status = 'Succeeded'), " +
            $"(SELECT COALESCE(SUM(Amount), 0) FROM {PaymentDb}.payments WHERE Status = 'Succeeded'), " +
            $"(SELECT COUNT(*) FROM {PaymentDb}.payments WHERE Status = 'Refunded')",
            r => new AuditSnapshot.Books(r.GetInt64(0), r.GetDecimal(1), r.GetInt64(2), r.GetDecimal(3), r.GetInt64(4), r.GetDecimal(5),
                r.GetInt64(6)), ct))[0];
        await ExecuteAsync(connection, "COMMIT", ct);

        var counters = await ReadCountersAsync(redisConnectionString, [.. products.Where(p => !p.Deleted).Select(p => p.Id)]);
        var deadLetters = kafkaBootstrapServers is null ? (long?)null
            : await Task.Run(() => new DeadLetters(kafkaBootstrapServers, Topics.DeadLetters).CountAll(), ct);
        return new AuditSnapshot(products, reservations, pendingLines, orderIds, pairs, withoutReservation, orphanExamples, counters, payments,
            paidWithoutPayment, ledger, deadLetters);
    }

    private static async Task<Dictionary<Guid, long?>> ReadCountersAsync(string redisConnectionString, IReadOnlyList<Guid> productIds)
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(redisConnectionString);
        var db = redis.GetDatabase();
        var counters = new Dictionary<Guid, long?>(productIds.Count);
        foreach (var chunk in productIds.Chunk(1000))
        {
            var values = await db.StringGetAsync([.. chunk.Select(StockKeys.Available)]);
            for (var i = 0; i < chunk.Length; i++) counters[chunk[i]] = values[i].IsNull ? null : (long)values[i];
        }
        return counters;
    }

    private static async Task ExecuteAsync(MySqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new MySqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }

    private static async Task<List<T>> QueryAsync<T>(MySqlConnection connection, string sql, Func<DbDataReader, T> read, CancellationToken ct)
    {
        await using var command = new MySqlCommand(sql, connection) { CommandTimeout = 300 };
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<T>();
        while (await reader.ReadAsync(ct)) rows.Add(read(reader));
        return rows;
    }
}
