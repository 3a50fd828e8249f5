using FlashSales.ReservationContracts;
using FlashSales.ServiceInfrastructure.Batching;

namespace FlashSales.Ordering.Placement;

/// <summary>
/// The order service's reservations, sent to the product service together (<see cref="CallBatcher{TItem,TResult}"/>):
/// a lone order's call leaves at once; the orders that arrive while up to <see cref="MaxCallsInFlight"/> calls are
/// being answered leave in one call. A call slower than <see cref="HoldSlotAtMost"/> (under the lock strategy, an
/// order waiting for a contended product's lock) stops counting against that limit. Each order still gets its own
/// answer, and a failed call fails only its own orders, each as its own call would have (the product service's
/// reservation is idempotent by order id, so a retried batch takes nothing twice).
/// </summary>
public sealed class BatchedReservations : IAsyncDisposable
{
    public const int MaxCallsInFlight = 4;

    public static readonly TimeSpan HoldSlotAtMost = TimeSpan.FromMilliseconds(50);

    private readonly CallBatcher<ReserveRequest, ReservationAnswer> _batcher;

    public BatchedReservations(IServiceScopeFactory scopes)
    {
        _batcher = new CallBatcher<ReserveRequest, ReservationAnswer>(async batch =>
        {
            // A typed client per call: its handler comes from the factory's pool, which renews connections in time.
            await using var scope = scopes.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<ProductReservationsClient>().ReserveAsync(batch, CancellationToken.None);
        }, ReserveBatchRequest.MaxRequests, MaxCallsInFlight, HoldSlotAtMost);
    }

    public Task<ReservationAnswer> ReserveAsync(ReserveRequest request) => _batcher.CallAsync(request);

    public ValueTask DisposeAsync() => _batcher.DisposeAsync();
}
