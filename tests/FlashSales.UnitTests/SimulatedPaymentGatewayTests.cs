using FlashSales.Payment.Gateway;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace FlashSales.UnitTests;

public sealed class SimulatedPaymentGatewayTests
{
    [Theory]
    [InlineData(SimulatedPaymentGateway.ApprovedCard, 0.0, true)]
    [InlineData(SimulatedPaymentGateway.DeclinedCard, 1.0, false)]
    [InlineData("5555555555554444", 1.0, true)]
    [InlineData("5555555555554444", 0.0, false)]
    public async Task Test_cards_decide_the_outcome_and_other_cards_follow_the_rate(string card, double successRate, bool approved)
    {
        var gateway = new SimulatedPaymentGateway(
            Options.Create(new PaymentSimulatorOptions { SuccessRate = successRate, Latency = TimeSpan.Zero }), new FakeTimeProvider());

        var outcome = await gateway.ChargeAsync(Guid.NewGuid(), 10m, card, TestContext.Current.CancellationToken);

        Assert.Equal(approved, outcome.Approved);
        Assert.Equal(approved ? null : "card_declined", outcome.DeclineReason);
    }
}
