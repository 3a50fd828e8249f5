using FlashSales.EntityFrameworkCore.MySql;
using FlashSales.EventBus;
using FlashSales.ServiceInfrastructure.GroupCommit;
using Microsoft.Extensions.Options;
using MySqlConnector;

namespace FlashSales.Ordering.Placement;

/// <summary>
/// Records new orders with group commit: the orders of concurrent requests and their lines go to MySQL as two
/// multi-row INSERTs in one transaction, and each caller is answered only after that commit, so
/// every 201 is durable. An order whose id is already stored (a retried request) makes the batch fall back to one
/// transaction per order, which tells that order apart; each order of the fallback gets its own outcome, so an order
/// that failed there never fails the orders stored before it. A batch rolled back as a deadlock's victim runs again.
/// A batch that fails before its commit is written order by order too; a commit whose answer was lost is
/// <see cref="OrderWrite.Unknown"/> for its orders.
/// </summary>
public sealed class OrderWriter : IAsyncDisposable
{
    private readonly IServiceScopeFactory _scopes;
    private readonly ILogger<OrderWriter> _logger;
    private readonly GroupCommitter<Order, OrderWrite> _committer;

    public OrderWriter(IServiceScopeFactory scopes, IOptions<OrderOptions> options, ILogger<OrderWriter> logger)
    {
        (_scopes, _logger) = (scopes, logger);
        _committer = new GroupCommitter<Order, OrderWrite>("orders", Commit, options.Value.GroupCommit, logger);
    }

    /// <summary>MySQL has stopped answering (a batch has been committing for too long): place nothing now.</summary>
    public bool IsStalled => _committer.IsStalled;

    /// <exception cref="StoreStalledException">MySQL is stalled: the order was not queued.</exception>
    /// <exception cref="Exception">The order's write failed before its commit: the order was not stored.</exception>
    public Task<OrderWrite> WriteAsync(Order order) => _committer.SubmitAsync(order);

    private IReadOnlyList<OrderWrite> Commit(IReadOnlyList<Order> batch)
    {
        using var scope = _scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OrderDbContext>();
        try
        {
            if (DeadlockVictims.RunAgain(() => TryInsert(db, batch))) return [.. batch.Select(_ => OrderWrite.Stored)];
        }
        catch (CommitOutcomeUnknownException)
        {
            return [.. batch.Select(_ => OrderWrite.Unknown)];
        }
        catch (Exception ex) when (batch.Count > 1)
        {
            // Rolled back whole: each order on its own tells which of them (if any) cannot be stored.
            _logger.LogInformation("A batch of {Count} orders failed ({Error}); writing each on its own", batch.Count, ex.GetBaseException().Message);
            db.ChangeTracker.Clear();
        }

        var outcomes = new List<OrderWrite>(batch.Count);
        foreach (var order in batch) outcomes.Add(WriteAlone(db, order));
        return outcomes;
    }

    private OrderWrite WriteAlone(OrderDbContext db, Order order)
    {
        try
        {
            return DeadlockVictims.RunAgain(() => TryInsert(db, [order])) ? OrderWrite.Stored : OrderWrite.AlreadyStored;
        }
        catch (CommitOutcomeUnknownException)
        {
            return OrderWrite.Unknown;
        }
        catch (Exception ex)
        {
            _logger.LogWarning("Order {OrderId} could not be stored ({Error}); the others of its batch are not affected", order.Id,
                ex.GetBaseException().Message);
            db.ChangeTracker.Clear();
            return OrderWrite.NotStored;
        }
    }

    private bool TryInsert(OrderDbContext db, IReadOnlyList<Order> orders)
    {
        using var transaction = db.Database.BeginTransaction();
        var insertOrders = new SqlStatement(
            "INSERT INTO orders (Id, UserId, Status, Total, CreatedAt, UpdatedAt, ExpiresAt, IdempotencyKey) VALUES ");
        var insertLines = new SqlStatement("INSERT INTO order_lines (OrderId, ProductId, ProductName, UnitPrice, Quantity) VALUES ");
        foreach (var o in orders)
        {
            insertOrders.Row(o.Id, o.UserId, o.Status, o.Total, o.CreatedAt, o.UpdatedAt, o.ExpiresAt, o.IdempotencyKey);
            foreach (var l in o.Lines) insertLines.Row(o.Id, l.ProductId, l.ProductName, l.UnitPrice, l.Quantity);
        }
        try
        {
            insertOrders.Execute(db);
        }
        catch (MySqlException ex) when (ex.ErrorCode == MySqlErrorCode.DuplicateKeyEntry)
        {
            transaction.Rollback();
            return false;
        }
        insertLines.Execute(db);
        transaction.CommitOrUnknown();
        return true;
    }

    public ValueTask DisposeAsync() => _committer.DisposeAsync();
}

/// <summary>What became of one order's write.</summary>
public enum OrderWrite
{
    Stored,

    /// <summary>An order with its id was stored before (a retried request).</summary>
    AlreadyStored,

    /// <summary>Its transaction failed and was rolled back: the order does not exist.</summary>
    NotStored,

    /// <summary>Its commit's answer was lost: the order may or may not exist.</summary>
    Unknown,
}
