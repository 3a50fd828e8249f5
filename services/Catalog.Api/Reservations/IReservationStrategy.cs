namespace FlashSales.Catalog.Reservations;

/// <summary>Holds every line of an order or none. Two implementations, benchmarked against each other: atomic and lock.</summary>
public interface IReservationStrategy
{
    Task<ReservationOutcome> ReserveAsync(LeaseRequest request, CancellationToken ct);
}
