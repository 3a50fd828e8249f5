using System.Collections.Concurrent;
using FlashSales.EntityFrameworkCore.MySql;
using FlashSales.ReservationContracts;
using FlashSales.ServiceInfrastructure.GroupCommit;
using Microsoft.Extensions.Options;
using MySqlConnector;

namespace FlashSales.Catalog.Reservations;

/// <summary>
/// The durable half of every reservation, shared by both strategies, with group commit: the leases of concurrent
/// orders are written in one transaction, with one UPDATE that raises each product's reserved count only where
/// stock - reserved still covers the batch's total, and one multi-row INSERT. Each caller's task completes after that
/// commit. If MySQL refuses a line, an order is already written or the batch fails, it is written order by order
/// instead, so each order gets its own answer: an order that fails there is "unavailable" (rolled back, nothing held)
/// without failing the others, and an order whose commit's answer was lost is "unconfirmed" (it may be held). MySQL thus never holds more reserved
/// than stock, whatever Redis says (and a CHECK
/// constraint backs that up).
/// </summary>
public sealed class ReservationWriter : IAsyncDisposable
{
    private readonly IServiceScopeFactory _scopes;
    private readonly TimeProvider _time;
    private readonly TimeSpan _answerWithin;
    private readonly ILogger<ReservationWriter> _logger;
    private readonly GroupCommitter<LeaseRequest, ReservationOutcome> _committer;
    private readonly ConcurrentDictionary<Guid, Task<ReservationOutcome>> _inFlight = new();

    public ReservationWriter(IServiceScopeFactory scopes, IOptions<ReservationOptions> options, TimeProvider time, ILogger<ReservationWriter> logger)
    {
        (_scopes, _time, _answerWithin, _logger) = (scopes, time, options.Value.GroupCommit.AnswerWithin, logger);
        _committer = new GroupCommitter<LeaseRequest, ReservationOutcome>("leases", Commit, options.Value.GroupCommit, logger);
    }

    /// <summary>Completes once the lease is committed (or refused); throws if its batch could not be written.</summary>
    public Task<ReservationOutcome> WriteAsync(LeaseRequest request)
    {
        var written = _committer.SubmitAsync(request);
        _inFlight[request.OrderId] = written;
        written.ContinueWith(_ => _inFlight.TryRemove(KeyValuePair.Create(request.OrderId, written)), TaskScheduler.Default);
        return written;
    }

    public bool IsInFlight(Guid orderId) => _inFlight.ContainsKey(orderId);

    /// <summary>MySQL has stopped answering (a batch has been committing for too long): take nothing now.</summary>
    public bool IsStalled => _committer.IsStalled;

    /// <summary>How long a caller waits for its write before it is answered "unconfirmed".</summary>
    public TimeSpan AnswerWithin => _answerWithin;

    /// <summary>
    /// The caller's answer for a write and what follows it (<paramref name="settled"/>): its outcome if known within
    /// AnswerWithin; "unconfirmed" if not yet (it goes on, and so does what follows it: a lease it commits lapses unless
    /// a retry claims it); "unavailable" if the write was refused because MySQL is stalled.
    /// </summary>
    public async Task<ReservationOutcome> AnswerAsync(Task<ReservationOutcome> settled)
    {
        try
        {
            var (answered, outcome) = await settled.WaitUpToAsync(_answerWithin);
            return answered ? outcome : ReservationOutcome.Rejected(ReservationRejection.Unconfirmed);
        }
        catch (StoreStalledException)
        {
            return ReservationOutcome.Rejected(ReservationRejection.Unavailable);
        }
    }

    /// <summary>
    /// What an earlier request for the same order came to, as the Idempotency-Key draft answers a repeated key: still
    /// being written here (in flight), held for other items (the key reused for a different order), or its lease (the
    /// same order again). Null when the order holds nothing yet.
    /// </summary>
    public async Task<ReservationOutcome?> FindEarlierAsync(ProductDbContext db, LeaseRequest request, CancellationToken ct)
    {
        if (IsInFlight(request.OrderId)) return ReservationOutcome.Rejected(ReservationRejection.InFlight);
        var held = await db.Reservations.AsNoTracking().Where(r => r.OrderId == request.OrderId)
            .Select(r => new { r.ProductId, r.Quantity, r.ExpiresAt }).ToListAsync(ct);
        if (held.Count == 0) return null;
        var same = SameItems.As(
            [.. request.Lines.Select(l => new ReserveItem(l.ProductId, l.Quantity))],
                [.. held.Select(h => new ReserveItem(h.ProductId, h.Quantity))]);
        return same ? ReservationOutcome.AlreadyLeased(held[0].ExpiresAt) : ReservationOutcome.Rejected(ReservationRejection.KeyReused);
    }

    private IReadOnlyList<ReservationOutcome> Commit(IReadOnlyList<LeaseRequest> batch)
    {
        using var scope = _scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ProductDbContext>();
        var now = _time.GetUtcNow().UtcDateTime;
        try
        {
            if (DeadlockVictims.RunAgain(() => TryWriteTogether(db, batch,
                now))) return [.. batch.Select(r => ReservationOutcome.Leased(r.ExpiresAt))];
        }
        catch (CommitOutcomeUnknownException)
        {
            return [.. batch.Select(_ => ReservationOutcome.Rejected(ReservationRejection.Unconfirmed))];
        }
        catch (Exception ex) when (batch.Count > 1)
        {
            _logger.LogInformation("A batch of {Count} leases failed ({Error}); writing each on its own", batch.Count, ex.GetBaseException().Message);
        }

        var outcomes = new List<ReservationOutcome>(batch.Count);
        foreach (var request in batch) outcomes.Add(WriteOneAsTold(db, request, now));
        return outcomes;
    }

    private ReservationOutcome WriteOneAsTold(ProductDbContext db, LeaseRequest request, DateTime now)
    {
        try
        {
            return DeadlockVictims.RunAgain(() => WriteAlone(db, request, now));
        }
        catch (CommitOutcomeUnknownException)
        {
            return ReservationOutcome.Rejected(ReservationRejection.Unconfirmed);
        }
        catch (Exception ex)
        {
            _logger.LogWarning("The lease of order {OrderId} could not be written ({Error}); the others of its batch are not affected",
                request.OrderId, ex.GetBaseException().Message);
            return ReservationOutcome.Rejected(ReservationRejection.Unavailable);
        }
    }

    private static bool TryWriteTogether(ProductDbContext db, IReadOnlyList<LeaseRequest> batch, DateTime now)
    {
        var totals = batch.SelectMany(r => r.Lines).GroupBy(l => l.ProductId)
            .Select(g => (ProductId: g.Key, Quantity: g.Sum(l => l.Quantity))).OrderBy(t => t.ProductId).ToList();
        using var transaction = db.Database.BeginTransaction();

        var take = new SqlStatement("UPDATE products p JOIN (");
        foreach (var (productId, quantity) in totals) take.SelectRow(["Id", "Quantity"], productId, quantity);
        take.Append(") d ON p.Id = d.Id SET p.Reserved = p.Reserved + d.Quantity WHERE p.DeletedAt IS NULL AND p.Stock - p.Reserved >= d.Quantity");
        if (take.Execute(db) != totals.Count)
        {
            transaction.Rollback();
            return false;
        }

        var insert = InsertLeases();
        foreach (var request in batch) AddRows(insert, request, now);
        try
        {
            insert.Execute(db);
        }
        catch (MySqlException ex) when (ex.ErrorCode == MySqlErrorCode.DuplicateKeyEntry)
        {
            transaction.Rollback();
            return false;
        }
        transaction.CommitOrUnknown();
        return true;
    }

    private static ReservationOutcome WriteAlone(ProductDbContext db, LeaseRequest request, DateTime now)
    {
        using var transaction = db.Database.BeginTransaction();
        foreach (var line in request.Lines.OrderBy(l => l.ProductId))
        {
            var updated = db.Database.ExecuteSql($"""
                UPDATE products SET Reserved = Reserved + {line.Quantity}
                WHERE Id = {line.ProductId} AND DeletedAt IS NULL AND Stock - Reserved >= {line.Quantity}
                """);
            if (updated == 0)
            {
                transaction.Rollback();
                return ReservationOutcome.Rejected(ReservationRejection.SoldOut, line.ProductId);
            }
        }
        var insert = InsertLeases();
        AddRows(insert, request, now);
        try
        {
            insert.Execute(db);
        }
        catch (MySqlException ex) when (ex.ErrorCode == MySqlErrorCode.DuplicateKeyEntry)
        {
            transaction.Rollback();
            var earlier = db.Reservations.AsNoTracking().Where(r => r.OrderId == request.OrderId).Select(r => r.ExpiresAt).First();
            return ReservationOutcome.AlreadyLeased(earlier);
        }
        transaction.CommitOrUnknown();
        return ReservationOutcome.Leased(request.ExpiresAt);
    }

    private static SqlStatement InsertLeases() =>
        new("INSERT INTO reservations (OrderId, ProductId, UserId, Quantity, Status, CreatedAt, UpdatedAt, ExpiresAt) VALUES ");

    private static void AddRows(SqlStatement insert, LeaseRequest request, DateTime now)
    {
        foreach (var line in request.Lines)
        {
            insert.Row(request.OrderId, line.ProductId, request.UserId, line.Quantity, "Reserved", now, now, request.ExpiresAt);
        }
    }

    public ValueTask DisposeAsync() => _committer.DisposeAsync();
}
