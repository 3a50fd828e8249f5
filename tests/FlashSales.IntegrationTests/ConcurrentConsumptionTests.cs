using System.Collections.Concurrent;
using FlashSales.EventBus;
using FlashSales.IntegrationEvents;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using FlashSales.EventBus.Kafka;

namespace FlashSales.IntegrationTests;

/// <summary>
/// A consumer handles many orders' events at once (the orders of what it has received, in parallel), yet the
/// events of one order in the order they were published: a service that pays hundreds of orders a second must not
/// fall minutes behind, which would end paid orders whose leases lapsed meanwhile.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class ConcurrentConsumptionTests(FlashSalesApp system)
{
    private const int Keys = 16;
    private const int EventsPerKey = 5;

    [Fact]
    public async Task Events_of_different_orders_are_handled_in_parallel_and_each_orders_events_in_order()
    {
        var run = Guid.NewGuid();
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["ConnectionStrings:kafka"] = await system.KafkaBootstrapServersAsync();
        builder.Configuration["EventBus:ConsumerGroup"] = $"concurrency-test-{run:N}";
        builder.Logging.ToFileOnly("event-bus-in-process");
        builder.Services.AddSingleton(new ProbeLog(run));
        builder.AddKafkaEventBus("kafka", Topics.DeadLetters).AddSubscription<ProbeEvent, ProbeHandler>();
        using var host = builder.Build();
        await host.StartAsync(TestContext.Current.CancellationToken);
        try
        {
            var bus = host.Services.GetRequiredService<IEventBus>();
            for (var sequence = 0; sequence < EventsPerKey; sequence++)
            {
                await Task.WhenAll(Enumerable.Range(0, Keys).Select(key => bus.PublishAsync(new ProbeEvent(run, $"{run}-{key}", sequence))));
            }

            var log = host.Services.GetRequiredService<ProbeLog>();
            await Eventually.Until(() => Task.FromResult(log.Handled.Count), n => n >= Keys * EventsPerKey, TimeSpan.FromSeconds(60),
                "every probe event handled");

            Assert.Equal(Keys * EventsPerKey, log.Handled.Count);
            foreach (var key in log.Handled.GroupBy(h => h.Key))
            {
                Assert.Equal(Enumerable.Range(0, EventsPerKey), key.OrderBy(h => h.HandledAt).Select(h => h.Sequence));
            }
            Assert.True(log.MostAtOnce >= 2, $"At most {log.MostAtOnce} event(s) were handled at once");
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>
    /// Travels on the orders topic, read by this test's group of its own; the product service, which also consumes the
    /// topic, passes over an event type it has no handler for.
    /// </summary>
    [Topic(Topics.Orders)]
    public sealed record ProbeEvent(Guid Run, string Key, int Sequence) : IntegrationEvent
    {
        public override string PartitionKey => Key;
    }

    public sealed class ProbeLog(Guid run)
    {
        private int _inFlight;
        private int _mostAtOnce;
        private long _clock;

        public Guid Run => run;

        public ConcurrentBag<(string Key, int Sequence, long HandledAt)> Handled { get; } = [];

        public int MostAtOnce => Volatile.Read(ref _mostAtOnce);

        public async Task HandleAsync(ProbeEvent probe, CancellationToken ct)
        {
            var now = Interlocked.Increment(ref _inFlight);
            for (var most = MostAtOnce; now > most; most = MostAtOnce) Interlocked.CompareExchange(ref _mostAtOnce, now, most);
            try
            {
                await Task.Delay(30, ct); // as long as a handler's transaction takes on a busy database
                Handled.Add((probe.Key, probe.Sequence, Interlocked.Increment(ref _clock)));
            }
            finally
            {
                Interlocked.Decrement(ref _inFlight);
            }
        }
    }

    public sealed class ProbeHandler(ProbeLog log) : IIntegrationEventHandler<ProbeEvent>
    {
        public Task Handle(ProbeEvent @event, CancellationToken cancellationToken) =>
            @event.Run == log.Run ? log.HandleAsync(@event, cancellationToken) : Task.CompletedTask;
    }
}
