using System.Net;
using System.Net.Http.Json;

namespace FlashSales.IntegrationTests;

/// <summary>
/// InnoDB ends a deadlock by rolling one transaction back whole. When that is a batch of new orders, the batch is
/// written again: its callers get their 201, not the deadlock.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class OrderBatchDeadlockTests(FlashSalesApp system)
{
    [Fact]
    public async Task An_order_batch_rolled_back_as_a_deadlocks_victim_is_written_again_and_answered_201()
    {
        var client = system.Client();
        var product = await client.CreateProductAsync($"Deadlock {Guid.NewGuid():N}", 10m, 5);
        await client.PlaceOrderOkAsync("deadlock-warm-up", (product.Id, 1));
        var orderDb = await system.DatabaseAsync("orderdb");
        var deadlocksBefore = await LockWaits.DeadlocksAsync(orderDb);

        // The other side of the deadlock: a transaction with more written than a batch of one order (InnoDB rolls back
        // the lighter one), which locks every order line and the gaps between them, so the batch's lines wait on it.
        Guid orderId;
        await using (var other = await LockWaits.BeginAsync(orderDb))
        {
            for (var i = 0; i < 20; i++)
            {
                await other.ExecuteAsync(
                    "INSERT INTO processed_events (EventId, Handler, ProcessedAt) VALUES (UUID(), 'deadlock-test', UTC_TIMESTAMP(6))");
            }
            await other.ExecuteAsync("SELECT COUNT(*) FROM order_lines FOR UPDATE");

            var placing = client.PlaceOrderAsync("deadlock-buyer", (product.Id, 1));
            await LockWaits.UntilSomeoneWaitsAsync(orderDb, "the order batch waiting to insert its lines");

            // Now the other transaction waits on the batch's new order row while the batch waits on it: a cycle.
            // InnoDB rolls the batch back, and this statement goes on; the batch's second attempt then waits on
            // this transaction, which ends here, without anything written.
            await other.ExecuteAsync("SELECT COUNT(*) FROM orders FOR UPDATE");
            Assert.True(await LockWaits.DeadlocksAsync(orderDb) > deadlocksBefore, "no deadlock happened: the test did not set one up");
            await other.RollbackAsync();

            using var response = await placing;
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            orderId = (await response.Content.ReadFromJsonAsync<OrderDto>())!.Id;
        }

        var stored = await client.GetOrderAsync(orderId);
        Assert.Equal("Pending", stored.Status);
        Assert.Single(stored.Lines);
    }
}
