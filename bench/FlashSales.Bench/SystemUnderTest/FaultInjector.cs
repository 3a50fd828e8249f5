using FlashSales.Testing;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;

namespace FlashSales.Bench.SystemUnderTest;

/// <summary>
/// Real faults on the AppHost's resources, as long as they last in production: a process killed (SIGKILL, no goodbye)
/// and started again through Aspire's start command (the database only after a minute), a process that stops
/// answering (SIGSTOP, then SIGCONT), the Kafka broker down for a minute (the local mock's broker-down command); a
/// processor slower than the payment service's patience; and the clients' side: every connection of the load
/// generator dropped at once, as when it is killed.
/// </summary>
public sealed class FaultInjector(DistributedApplication app)
{
    /// <summary>How long the long outages last: the database killed, the broker down.</summary>
    public static readonly TimeSpan LongOutage = TimeSpan.FromSeconds(60);

    /// <summary>How long the product service is stopped: longer than the fault system's reservation TTL and lease grace together.</summary>
    public static readonly TimeSpan ProductPause = TimeSpan.FromSeconds(20);

    /// <summary>How long payments go to the slow card: each is answered after the fault system's slow-card latency.</summary>
    public static readonly TimeSpan SlowPayments = TimeSpan.FromSeconds(15);

    public static readonly IReadOnlyList<string> All =
        ["kill-order", "kill-product", "kill-payment", "redis-restart", "mysql-unreachable", "mysql-killed", "kafka-down", "product-paused",
         "slow-processor", "client-abort"];

    public static string Describe(string fault) => fault switch
    {
        "kill-order" => "kill -9 of the order service, then started again",
        "kill-product" => "kill -9 of the product service, then started again",
        "kill-payment" => "kill -9 of the payment service, then started again",
        "redis-restart" => "kill -9 of redis-server (no persistence: its data is lost), then started again",
        "mysql-unreachable" => "mariadbd stopped (SIGSTOP) for 5 s, then continued",
        "mysql-killed" => $"kill -9 of mariadbd (connections refused), started again {LongOutage.TotalSeconds:0} s later, under paid load",
        "kafka-down" => $"the Kafka broker down for {LongOutage.TotalSeconds:0} s, then up",
        "product-paused" => $"the product service stopped (SIGSTOP: its consumer and its lease sweeper too) for {ProductPause.TotalSeconds:0} s, " +
                            "longer than the reservation TTL and lease grace, while its products sell out, then continued",
        "slow-processor" =>
            $"for {SlowPayments.TotalSeconds:0} s every payment goes to a processor slower than the payment service's resolver window",
        "client-abort" => "the load generator killed: every connection dropped mid-request, then new clients",
        _ => throw new ArgumentException($"Unknown fault '{fault}'; use {string.Join(", ", All)}."),
    };

    /// <summary>Injects the fault and returns once it is over: the resource started again and healthy, or the outage's time up.</summary>
    /// <param name="killClients">Drops every connection of the running load at once and returns when it has stopped.</param>
    /// <param name="shop">The load's client, whose payment card a fault may switch.</param>
    public async Task InjectAsync(string fault, Func<Task> killClients, Load.ShopClient shop, CancellationToken ct)
    {
        switch (fault)
        {
            case "client-abort": await killClients(); break;
            case "kill-order": await ResourceProcesses.KillAndStartAsync(app, "order", TimeSpan.Zero, ct); break;
            case "kill-product": await ResourceProcesses.KillAndStartAsync(app, "product", TimeSpan.Zero, ct); break;
            case "kill-payment": await ResourceProcesses.KillAndStartAsync(app, "payment", TimeSpan.Zero, ct); break;
            case "redis-restart": await ResourceProcesses.KillAndStartAsync(app, "redis", TimeSpan.Zero, ct); break;
            case "mysql-unreachable": await ResourceProcesses.PauseAsync(app, "mysql", TimeSpan.FromSeconds(5), ct); break;
            case "mysql-killed": await ResourceProcesses.KillAndStartAsync(app, "mysql", LongOutage, ct); break;
            case "product-paused": await ResourceProcesses.PauseAsync(app, "product", ProductPause, ct); break;
            case "kafka-down":
                await ResourceProcesses.CommandAsync(app, "kafka", "broker-down", ct);
                try { await Task.Delay(LongOutage, ct); }
                finally { await ResourceProcesses.CommandAsync(app, "kafka", "broker-up", CancellationToken.None); }
                break;
            case "slow-processor":
                shop.CardNumber = Load.ShopClient.SlowCard;
                try { await Task.Delay(SlowPayments, ct); }
                finally { shop.CardNumber = Load.ShopClient.ApprovedCard; }
                break;
            default: throw new ArgumentException($"Unknown fault '{fault}'.");
        }
    }
}
