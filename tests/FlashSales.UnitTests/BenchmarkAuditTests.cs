using FlashSales.Bench.Audit;

namespace FlashSales.UnitTests;

/// <summary>The benchmark's audit must see each violation it promises to catch, and pass a consistent system.</summary>
public sealed class BenchmarkAuditTests
{
    private static readonly Guid ProductA = Guid.NewGuid(), ProductB = Guid.NewGuid();
    private static readonly Guid PendingOrder = Guid.NewGuid(), PaidOrder = Guid.NewGuid(), ExpiredOrder = Guid.NewGuid(),
        RefundedOrder = Guid.NewGuid();
    private static readonly Dictionary<Guid, int> InitialStock = new() { [ProductA] = 10, [ProductB] = 5 };

    // A: 10 units, 2 held by a Pending order, 3 sold to a Completed one (stock 7), 1 released by an Expired one and 1 by
    // one paid too late (refunded).
    // B: 5 units, untouched.
    private static AuditSnapshot Consistent() => new(
        Products: [new(ProductA, Stock: 7, Reserved: 2, Deleted: false), new(ProductB, Stock: 5, Reserved: 0, Deleted: false)],
        Reservations: [new(ProductA, "Reserved", 2), new(ProductA, "Confirmed", 3), new(ProductA, "Released", 2)],
        PendingLineUnits: new Dictionary<Guid, long> { [ProductA] = 2 },
        OrderIds: new HashSet<Guid> { PendingOrder, PaidOrder, ExpiredOrder, RefundedOrder },
        Pairs: [new("Reserved", "Pending", 1), new("Confirmed", "Completed", 1), new("Released", "Expired", 1), new("Released", "Refunded", 1)],
        OrdersWithoutReservation: [],
        OrphanExamples: [],
        Counters: new Dictionary<Guid, long?> { [ProductA] = 5, [ProductB] = 5 },
        Payments: [new("Succeeded", "Completed", 1), new("Refunded", "Refunded", 1)],
        PaidStatusesWithoutPayment: [],
        Ledger: new(Charges: 2, Charged: 55m, Refunds: 1, Refunded: 25m, Succeeded: 1, SucceededAmount: 30m, RefundedPayments: 1),
        DeadLetters: 0);

    private static readonly Guid[] Accepted = [PendingOrder, PaidOrder, ExpiredOrder, RefundedOrder];

    [Fact]
    public void A_consistent_system_passes_every_check()
    {
        var checks = AuditChecks.Evaluate(Consistent(), Accepted, InitialStock);

        Assert.Equal(10, checks.Count);
        Assert.All(checks, c => Assert.True(c.Passed, $"{c.Name}: {c.Detail}"));
    }

    [Fact]
    public void Oversell_is_caught()
    {
        var snapshot = Consistent() with
        {
            Products = [new(ProductA, Stock: 7, Reserved: 8, Deleted: false), new(ProductB, Stock: 5, Reserved: 0, Deleted: false)],
        };

        Assert.Contains(Failed(snapshot, Accepted), c => c.Name == AuditChecks.NoOversell);
    }

    [Fact]
    public void Stock_that_vanished_without_a_sale_is_caught()
    {
        var snapshot = Consistent() with
        {
            Products = [new(ProductA, Stock: 6, Reserved: 2, Deleted: false),
            new(ProductB, Stock: 5, Reserved: 0, Deleted: false)]
        };

        Assert.Equal([AuditChecks.StockAccounted, AuditChecks.CountersAgree], Failed(snapshot, Accepted).Select(c => c.Name));
    }

    [Fact]
    public void An_accepted_order_missing_from_the_database_is_caught()
    {
        var failed = Failed(Consistent(), [.. Accepted, Guid.NewGuid()]);

        Assert.Equal(AuditChecks.AcceptedRecorded, Assert.Single(failed).Name);
    }

    [Fact]
    public void Stock_held_without_an_order_is_caught()
    {
        var orphan = Guid.NewGuid();
        var snapshot = Consistent() with
        {
            Products = [new(ProductA, Stock: 7, Reserved: 3, Deleted: false), new(ProductB, Stock: 5, Reserved: 0, Deleted: false)],
            Reservations = [new(ProductA, "Reserved", 3), new(ProductA, "Confirmed", 3), new(ProductA, "Released", 2)],
            Pairs = [.. Consistent().Pairs, new("Reserved", "(none)", 1)],
            OrphanExamples = [new(orphan, HeldSeconds: 75)],
            Counters = new Dictionary<Guid, long?> { [ProductA] = 4, [ProductB] = 5 },
        };

        var failed = Failed(snapshot, Accepted);

        Assert.Equal([AuditChecks.ReservedAgrees, AuditChecks.NoOrphans], failed.Select(c => c.Name));
        Assert.Contains($"{orphan} (held 75 s)", failed[1].Detail);
    }

    [Fact]
    public void A_reservation_out_of_step_with_its_order_is_caught()
    {
        var snapshot = Consistent() with
        {
            Pairs = [new("Reserved", "Pending", 1), new("Released", "Completed", 1), new("Released", "Expired", 1),
            new("Released", "Refunded", 1)]
        };

        Assert.Equal(AuditChecks.ReservationsMatchOrders, Assert.Single(Failed(snapshot, Accepted)).Name);
    }

    [Fact]
    public void A_Pending_order_without_a_reservation_is_caught()
    {
        var snapshot = Consistent() with { OrdersWithoutReservation = [new("Pending", 1)] };

        Assert.Equal(AuditChecks.ReservationsMatchOrders, Assert.Single(Failed(snapshot, Accepted)).Name);
    }

    [Fact]
    public void A_drifted_or_missing_Redis_counter_is_caught()
    {
        var drifted = Consistent() with { Counters = new Dictionary<Guid, long?> { [ProductA] = 6, [ProductB] = 5 } };
        var missing = Consistent() with { Counters = new Dictionary<Guid, long?> { [ProductA] = 5, [ProductB] = null } };

        Assert.Equal(AuditChecks.CountersAgree, Assert.Single(Failed(drifted, Accepted)).Name);
        Assert.Equal(AuditChecks.CountersAgree, Assert.Single(Failed(missing, Accepted)).Name);
    }

    private static List<AuditCheck> Failed(AuditSnapshot snapshot, IReadOnlyCollection<Guid> accepted) =>
        [.. AuditChecks.Evaluate(snapshot, accepted, InitialStock).Where(c => !c.Passed)];

    [Theory]
    [InlineData("Succeeded", "Pending")]
    [InlineData("Succeeded", "Cancelled")]
    [InlineData("Succeeded", "Expired")]
    [InlineData("Succeeded", "Refunding")]
    [InlineData("Refunded", "Expired")]
    [InlineData("Failed", "Pending")]
    [InlineData("Failed", "Completed")]
    [InlineData("Succeeded", "(none)")]
    [InlineData("Pending", "Pending")]
    public void A_payment_outcome_not_applied_or_applied_wrongly_is_caught(string payment, string order)
    {
        var snapshot = Consistent() with { Payments = [.. Consistent().Payments, new(payment, order, 1)] };

        var check = AuditChecks.Evaluate(snapshot, Accepted, InitialStock).Single(c => c.Name == AuditChecks.PaymentsApplied);

        Assert.False(check.Passed, check.Detail);
    }

    [Fact]
    public void A_completed_or_refunded_order_without_its_payment_is_caught()
    {
        var unpaid = Consistent() with { PaidStatusesWithoutPayment = [new("Completed", 1)] };

        Assert.Equal(AuditChecks.PaymentsApplied, Assert.Single(Failed(unpaid, Accepted)).Name);
    }

    [Fact]
    public void Money_the_processor_kept_or_gave_back_without_our_books_saying_so_is_caught()
    {
        var kept = Consistent() with { Ledger = Consistent().Ledger with { Charges = 3, Charged = 70m } };
        var silentRefund = Consistent() with { Ledger = Consistent().Ledger with { Refunds = 2, Refunded = 50m, Charges = 3, Charged = 80m } };

        Assert.Equal(AuditChecks.LedgerAgrees, Assert.Single(Failed(kept, Accepted)).Name);
        Assert.Equal(AuditChecks.LedgerAgrees, Assert.Single(Failed(silentRefund, Accepted)).Name);
    }

    [Fact]
    public void A_dead_letter_is_caught()
    {
        Assert.Equal(AuditChecks.NoDeadLetters, Assert.Single(Failed(Consistent() with { DeadLetters = 1 }, Accepted)).Name);
    }
}
