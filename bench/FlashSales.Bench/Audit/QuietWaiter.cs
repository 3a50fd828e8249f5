using Confluent.Kafka;
using FlashSales.IntegrationEvents;
using MySqlConnector;

namespace FlashSales.Bench.Audit;

/// <summary>
/// Waits until the system has nothing left in flight: every service's outbox relayed and every consumer group's
/// committed offsets at the end of its topics, and no lease still held for an order that has ended (the product
/// service releases those when their lease lapses, up to its grace later), no payment still Pending (the resolver settles
/// it) and no refund still on its way, seen twice in a row (a handler's own events
/// go through its outbox).
/// </summary>
public sealed class QuietWaiter(string mySqlConnectionString, string? kafkaBootstrapServers, IReadOnlyList<string> consumerGroups,
    IReadOnlyList<string> databases)
{
    public async Task<TimeSpan> WaitAsync(TimeSpan timeout, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var quietInARow = 0;
        string backlog = "";
        while (clock.Elapsed < timeout)
        {
            backlog = await BacklogAsync(ct);
            quietInARow = backlog.Length == 0 ? quietInARow + 1 : 0;
            if (quietInARow == 2) return clock.Elapsed;
            await Task.Delay(TimeSpan.FromMilliseconds(500), ct);
        }
        throw new TimeoutException($"The system was not quiet after {timeout.TotalSeconds:0} s: {backlog}");
    }

    /// <summary>What is still in flight, or "" when nothing is.</summary>
    private async Task<string> BacklogAsync(CancellationToken ct)
    {
        var parts = new List<string>();
        await using var connection = new MySqlConnection(mySqlConnectionString);
        await connection.OpenAsync(ct);
        foreach (var database in databases)
        {
            await using var command = new MySqlCommand($"SELECT COUNT(*) FROM `{database}`.outbox_messages WHERE PublishedAt IS NULL", connection);
            var unpublished = Convert.ToInt64(await command.ExecuteScalarAsync(ct));
            SqlStatementCounter.CountOwn(1);
            if (unpublished > 0) parts.Add($"{database}: {unpublished} events not yet relayed");
        }
        if (databases.Contains("productdb") && databases.Contains("orderdb"))
        {
            await using var command = new MySqlCommand(
                "SELECT COUNT(*) FROM productdb.reservations r JOIN orderdb.orders o ON o.Id = r.OrderId WHERE r.Status = 'Reserved' AND o.Status " +
                    "<> 'Pending'",
                connection);
            var due = Convert.ToInt64(await command.ExecuteScalarAsync(ct));
            SqlStatementCounter.CountOwn(1);
            if (due > 0) parts.Add($"{due} leases of ended orders not yet released");
        }
        if (databases.Contains("paymentdb") && databases.Contains("orderdb"))
        {
            // A payment whose outcome is not known yet (the resolver settles it with the processor), a refund on its way.
            await using var command = new MySqlCommand(
                "SELECT (SELECT COUNT(*) FROM paymentdb.payments WHERE Status = 'Pending'), " +
                    "(SELECT COUNT(*) FROM orderdb.orders WHERE Status = 'Refunding')",
                connection);
            await using var reader = await command.ExecuteReaderAsync(ct);
            await reader.ReadAsync(ct);
            var (pending, refunding) = (reader.GetInt64(0), reader.GetInt64(1));
            SqlStatementCounter.CountOwn(1);
            if (pending > 0) parts.Add($"{pending} payments not yet settled");
            if (refunding > 0) parts.Add($"{refunding} refunds not yet done");
        }
        if (kafkaBootstrapServers is not null)
        {
            foreach (var group in consumerGroups)
            {
                var lag = await Task.Run(() => ConsumerLag(group), ct);
                if (lag > 0) parts.Add($"{group}: {lag} events not yet consumed");
            }
        }
        return string.Join("; ", parts);
    }

    /// <summary>
    /// Events on the group's topics past its committed offsets. Topics the group never committed on are not its own
    /// (or have had nothing for it), so they are left out. Reading committed offsets does not join the group.
    /// </summary>
    private long ConsumerLag(string group)
    {
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig
        {
            BootstrapServers = kafkaBootstrapServers,
            GroupId = group,
            EnableAutoCommit = false,
        }).Build();
        var timeout = TimeSpan.FromSeconds(10);
        long lag = 0;
        foreach (var topic in Topics.All)
        {
            var partitions = Enumerable.Range(0, Topics.Partitions).Select(p => new TopicPartition(topic, p)).ToList();
            var committed = consumer.Committed(partitions, timeout);
            if (committed.All(c => c.Offset.IsSpecial)) continue;
            foreach (var c in committed)
            {
                var marks = consumer.QueryWatermarkOffsets(c.TopicPartition, timeout);
                lag += marks.High.Value - (c.Offset.IsSpecial ? marks.Low.Value : c.Offset.Value);
            }
        }
        return lag;
    }
}
