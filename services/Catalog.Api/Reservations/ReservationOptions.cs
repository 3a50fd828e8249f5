using FlashSales.ServiceInfrastructure.GroupCommit;

namespace FlashSales.Catalog.Reservations;

public sealed class ReservationOptions
{
    /// <summary>atomic (default) or lock.</summary>
    public string Strategy { get; set; } = "atomic";

    /// <summary>How long the lock strategy waits for a product's lock before answering "busy, retry".</summary>
    public TimeSpan LockTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// How long after a lease's end its units are still held: the order can be paid until the lease ends, and its
    /// confirmation has this long to arrive before the lease is released.
    /// </summary>
    public TimeSpan LeaseGrace { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often lapsed leases are looked for when the last sweep found fewer than a batch.</summary>
    public TimeSpan LeaseSweepInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Leases released per transaction.</summary>
    public int ReleaseBatch { get; set; } = 1000;

    public GroupCommitOptions GroupCommit { get; set; } = new();

    /// <summary>How often every product's Redis counters are compared with MySQL and repaired if they drifted.</summary>
    public TimeSpan ReconcileInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// A difference must still be there, unchanged on both sides, this long later before it is repaired: a reservation
    /// in flight (counter taken, MySQL not committed yet) is not drift.
    /// </summary>
    public TimeSpan ReconcileSettle { get; set; } = TimeSpan.FromSeconds(2);
}
