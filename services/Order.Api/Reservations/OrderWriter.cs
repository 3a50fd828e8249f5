using FlashSales.EntityFrameworkCore.MySql;
using FlashSales.EventBus;
using FlashSales.IntegrationEventLog;
using FlashSales.IntegrationEvents;
using FlashSales.Order.Infrastructure;
using FlashSales.Order.Model;
using FlashSales.ServiceInfrastructure.GroupCommit;
using Microsoft.Extensions.Options;
using MySqlConnector;

namespace FlashSales.Order.Reservations;

/// <summary>
/// Records new orders with group commit: the orders of concurrent requests, their lines and their OrderCreated events
/// go to MySQL as three multi-row INSERTs in one transaction, and each caller is answered only after that commit, so
/// every 201 is durable. An order whose id is already stored (a retried request) makes the batch fall back to one
/// transaction per order, which tells that order apart. A batch rolled back as a deadlock's victim runs again.
/// </summary>
public sealed class OrderWriter : IAsyncDisposable
{
    private readonly IServiceScopeFactory _scopes;
    private readonly OutboxSignal _outbox;
    private readonly GroupCommitter<Model.Order, bool> _committer;

    public OrderWriter(IServiceScopeFactory scopes, OutboxSignal outbox, IOptions<OrderOptions> options, ILogger<OrderWriter> logger)
    {
        (_scopes, _outbox) = (scopes, outbox);
        _committer = new GroupCommitter<Model.Order, bool>("orders", Commit, options.Value.GroupCommit, logger);
    }

    /// <summary>MySQL has stopped answering (a batch has been committing for too long): place nothing now.</summary>
    public bool IsStalled => _committer.IsStalled;

    /// <returns>True when this call stored the order; false when an order with its id was stored before.</returns>
    /// <exception cref="StoreStalledException">MySQL is stalled: the order was not queued.</exception>
    public Task<bool> WriteAsync(Model.Order order) => _committer.SubmitAsync(order);

    private IReadOnlyList<bool> Commit(IReadOnlyList<Model.Order> batch)
    {
        using var scope = _scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OrderDbContext>();
        if (DeadlockVictims.RunAgain(() => TryInsert(db, batch))) return [.. batch.Select(_ => true)];

        var stored = new List<bool>(batch.Count);
        foreach (var order in batch) stored.Add(DeadlockVictims.RunAgain(() => TryInsert(db, [order])));
        return stored;
    }

    private bool TryInsert(OrderDbContext db, IReadOnlyList<Model.Order> orders)
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
        db.AddIntegrationEvents([.. orders.Select(IntegrationEvent (o) => new OrderCreatedIntegrationEvent(o.Id, o.UserId, o.Total, o.ExpiresAt))]);
        transaction.Commit();
        _outbox.Notify();
        return true;
    }

    public ValueTask DisposeAsync() => _committer.DisposeAsync();
}
