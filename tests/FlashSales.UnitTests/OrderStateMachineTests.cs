using FlashSales.Ordering.Model;

namespace FlashSales.UnitTests;

public sealed class OrderStateMachineTests
{
    private static readonly DateTime Now = new(2026, 11, 25, 12, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(OrderStatus.Completed)]
    [InlineData(OrderStatus.Failed)]
    [InlineData(OrderStatus.Expired)]
    [InlineData(OrderStatus.Cancelled)]
    public void A_pending_order_can_reach_every_outcome(OrderStatus outcome)
    {
        var order = NewOrder();
        order.MoveTo(outcome, Now.AddMinutes(1));
        Assert.Equal(outcome, order.Status);
        Assert.Equal(Now.AddMinutes(1), order.UpdatedAt);
    }

    [Theory]
    [InlineData(OrderStatus.Completed, OrderStatus.Failed)]
    [InlineData(OrderStatus.Expired, OrderStatus.Cancelled)]
    [InlineData(OrderStatus.Cancelled, OrderStatus.Completed)]
    [InlineData(OrderStatus.Failed, OrderStatus.Pending)]
    [InlineData(OrderStatus.Completed, OrderStatus.Completed)]
    [InlineData(OrderStatus.Completed, OrderStatus.Expired)]
    public void An_ended_order_never_moves_back_or_sideways(OrderStatus ended, OrderStatus next)
    {
        var order = NewOrder();
        order.MoveTo(ended, Now);
        var error = Assert.Throws<InvalidOrderTransitionException>(() => order.MoveTo(next, Now));
        Assert.Equal(ended, error.From);
        Assert.Equal(ended, order.Status);
    }

    [Theory]
    [InlineData(OrderStatus.Completed)]
    [InlineData(OrderStatus.Failed)]
    [InlineData(OrderStatus.Expired)]
    [InlineData(OrderStatus.Cancelled)]
    public void A_paid_order_that_cannot_be_fulfilled_is_refunded_and_then_never_moves(OrderStatus ended)
    {
        var order = NewOrder();
        order.MoveTo(ended, Now);
        order.MoveTo(OrderStatus.Refunding, Now);
        Assert.Throws<InvalidOrderTransitionException>(() => order.MoveTo(OrderStatus.Completed, Now));
        order.MoveTo(OrderStatus.Refunded, Now);
        Assert.True(OrderStateMachine.IsFinal(OrderStatus.Refunded));
        Assert.All(Enum.GetValues<OrderStatus>(), next => Assert.False(OrderStateMachine.CanMove(OrderStatus.Refunded, next)));
    }

    [Fact]
    public void An_order_paid_after_it_expired_can_still_complete()
    {
        var order = NewOrder();
        order.MoveTo(OrderStatus.Expired, Now);
        order.MoveTo(OrderStatus.Completed, Now);
        Assert.Equal(OrderStatus.Completed, order.Status);
    }

    [Fact]
    public void The_total_is_the_sum_of_the_lines()
    {
        var order = Order.Place("u", [new OrderLine(Guid.NewGuid(), "a", 2.50m, 3), new OrderLine(Guid.NewGuid(), "b", 10m, 1)], Now,
            TimeSpan.FromMinutes(10));
        Assert.Equal(17.50m, order.Total);
        Assert.Equal(OrderStatus.Pending, order.Status);
        Assert.Equal(Now.AddMinutes(10), order.ExpiresAt);
    }

    private static Order NewOrder() => Order.Place("u", [new OrderLine(Guid.NewGuid(), "p", 1m, 1)], Now, TimeSpan.FromMinutes(10));
}
