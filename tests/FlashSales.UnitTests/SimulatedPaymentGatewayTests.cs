using FlashSales.Payments.Processor;

namespace FlashSales.UnitTests;

public sealed class SimulatedPaymentGatewayTests
{
    [Theory]
    [InlineData(SimulatedPaymentGateway.ApprovedCard, 0.0, true)]
    [InlineData(SimulatedPaymentGateway.DeclinedCard, 1.0, false)]
    [InlineData("5555555555554444", 1.0, true)]
    [InlineData("5555555555554444", 0.0, false)]
    public void Test_cards_decide_the_outcome_and_other_cards_follow_the_rate(string card, double successRate, bool approved)
    {
        var outcome = SimulatedPaymentGateway.Decide(card, successRate);

        Assert.Equal(approved, outcome.Approved);
        Assert.Equal(approved ? null : "card_declined", outcome.DeclineReason);
    }
}
