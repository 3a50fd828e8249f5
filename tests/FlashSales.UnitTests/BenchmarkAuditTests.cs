using FlashSales.Bench.Audit;

namespace FlashSales.UnitTests;

/// <summary>The benchmark's audit must see each violation it promises to catch, and pass a consistent system.</summary>
public sealed class BenchmarkAuditTests
{
    private static readonly Guid ProductA = Guid.NewGuid(), ProductB = Guid.NewGuid();
    private static readonly Guid PendingOrder = Guid.NewGuid(), PaidOrder = Guid.NewGuid(), ExpiredOrder = Guid.NewGuid();
    private static readonly Dictionary<Guid, int> InitialStock = new() { [ProductA] = 10, [ProductB] = 5 };

    // A: 10 units, 2 held by a Pending order, 3 sold to a Completed one (stock 7), 1 released by an Expired one.
    // B: 5 units, untouched.
    private static AuditSnapshot Consistent() => new(
        Products: [new(ProductA, Stock: 7, Reserved: 2, Deleted: false), new(ProductB, Stock: 5, Reserved: 0, Deleted: false)],
        Reservations: [new(ProductA, "Reserved", 2), new(ProductA, "Confirmed", 3), new(ProductA, "Released", 1)],
        PendingLineUnits: new Dictionary<Guid, long> { [ProductA] = 2 },
        OrderIds: new HashSet<Guid> { PendingOrder, PaidOrder, ExpiredOrder },
        Pairs: [new("Reserved", "Pending", 1), new("Confirmed", "Completed", 1), new("Released", "Expired", 1)],
        OrdersWithoutReservation: [],
        OrphanExamples: [],
        Counters: new Dictionary<Guid, long?> { [ProductA] = 5, [ProductB] = 5 },
        Payments: [new("Succeeded", "Completed", false, 1), new("Succeeded", "Expired", true, 1)],
        CompletedWithoutPayment: 0);

    private static readonly Guid[] Accepted = [PendingOrder, PaidOrder, ExpiredOrder];

    [Fact]
    public void A_consistent_system_passes_every_check()
    {
        var checks = AuditChecks.Evaluate(Consistent(), Accepted, InitialStock);

        Assert.Equal(8, checks.Count);
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
        var snapshot = Consistent() with { Products = [new(ProductA, Stock: 6, Reserved: 2, Deleted: false), new(ProductB, Stock: 5, Reserved: 0, Deleted: false)] };

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
            Reservations = [new(ProductA, "Reserved", 3), new(ProductA, "Confirmed", 3), new(ProductA, "Released", 1)],
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
        var snapshot = Consistent() with { Pairs = [new("Reserved", "Pending", 1), new("Released", "Completed", 1), new("Released", "Expired", 1)] };

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
    [InlineData("Succeeded", "Pending", false)]
    [InlineData("Succeeded", "Cancelled", false)]
    [InlineData("Failed", "Pending", false)]
    [InlineData("Failed", "Completed", false)]
    [InlineData("Succeeded", "(none)", false)]
    public void A_payment_outcome_not_applied_or_applied_wrongly_is_caught(string payment, string order, bool refund)
    {
        var snapshot = Consistent() with { Payments = [.. Consistent().Payments, new(payment, order, refund, 1)] };

        var check = AuditChecks.Evaluate(snapshot, Accepted, InitialStock).Single(c => c.Name == AuditChecks.PaymentsApplied);

        Assert.False(check.Passed, check.Detail);
    }

    [Fact]
    public void A_completed_order_without_a_succeeded_payment_is_caught_and_a_pending_payment_is_not_judged()
    {
        var unpaid = Consistent() with { CompletedWithoutPayment = 1 };
        var pending = Consistent() with { Payments = [.. Consistent().Payments, new("Pending", "Pending", false, 3)] };

        Assert.False(AuditChecks.Evaluate(unpaid, Accepted, InitialStock).Single(c => c.Name == AuditChecks.PaymentsApplied).Passed);
        var check = AuditChecks.Evaluate(pending, Accepted, InitialStock).Single(c => c.Name == AuditChecks.PaymentsApplied);
        Assert.True(check.Passed, check.Detail);
        Assert.Contains("still Pending (not judged) 3", check.Detail);
    }
}
