using System.Diagnostics;
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
        "slow-processor" => $"for {SlowPayments.TotalSeconds:0} s every payment goes to a processor slower than the payment service's resolver window",
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
            case "kill-order": await KillAndStartAsync("order", TimeSpan.Zero, ct); break;
            case "kill-product": await KillAndStartAsync("product", TimeSpan.Zero, ct); break;
            case "kill-payment": await KillAndStartAsync("payment", TimeSpan.Zero, ct); break;
            case "redis-restart": await KillAndStartAsync("redis", TimeSpan.Zero, ct); break;
            case "mysql-unreachable": await PauseAsync("mysql", TimeSpan.FromSeconds(5), ct); break;
            case "mysql-killed": await KillAndStartAsync("mysql", LongOutage, ct); break;
            case "product-paused": await PauseAsync("product", ProductPause, ct); break;
            case "kafka-down":
                await CommandAsync("kafka", "broker-down", ct);
                try { await Task.Delay(LongOutage, ct); }
                finally { await CommandAsync("kafka", "broker-up", CancellationToken.None); }
                break;
            case "slow-processor":
                shop.CardNumber = Load.ShopClient.SlowCard;
                try { await Task.Delay(SlowPayments, ct); }
                finally { shop.CardNumber = Load.ShopClient.ApprovedCard; }
                break;
            default: throw new ArgumentException($"Unknown fault '{fault}'.");
        }
    }

    private async Task PauseAsync(string resource, TimeSpan pause, CancellationToken ct)
    {
        var processes = WithDescendants(await PidAsync(resource, ct)).ToList();
        foreach (var process in processes) await SignalAsync("STOP", process);
        try { await Task.Delay(pause, ct); }
        finally { foreach (var process in processes) await SignalAsync("CONT", process); }
    }

    private async Task KillAndStartAsync(string resource, TimeSpan down, CancellationToken ct)
    {
        var pid = await PidAsync(resource, ct);
        // A project runs as `dotnet run`, whose child is the service: kill both, as a crash of the machine's process would.
        foreach (var process in WithDescendants(pid)) await SignalAsync("KILL", process);
        await app.ResourceNotifications.WaitForResourceAsync(resource, e => e.Snapshot.State?.Text is "Exited" or "Finished", ct);
        await Task.Delay(down, ct);
        // Aspire's orchestrator now and then reports a start issued right after an exit as FailedToStart; an operator
        // (or a supervisor) would start it again.
        for (var attempt = 1; ; attempt++)
        {
            await CommandAsync(resource, KnownResourceCommands.StartCommand, ct);
            var started = await app.ResourceNotifications.WaitForResourceAsync(resource, e => e.Snapshot.State?.Text is "Running" or "FailedToStart", ct);
            if (started.Snapshot.State?.Text == "Running") break;
            if (attempt == 3) throw new InvalidOperationException($"{resource} failed to start again {attempt} times after it was killed.");
            await Task.Delay(TimeSpan.FromSeconds(1), ct);
        }
        await app.ResourceNotifications.WaitForResourceHealthyAsync(resource, ct);
    }

    private async Task<int> PidAsync(string resource, CancellationToken ct)
    {
        var running = await app.ResourceNotifications.WaitForResourceAsync(resource,
            e => e.Snapshot.State?.Text == "Running" && e.Snapshot.Properties.Any(p => p.Name == "executable.pid"), ct);
        return Convert.ToInt32(running.Snapshot.Properties.First(p => p.Name == "executable.pid").Value);
    }

    private async Task CommandAsync(string resource, string command, CancellationToken ct)
    {
        var result = await app.Services.GetRequiredService<ResourceCommandService>().ExecuteCommandAsync(resource, command, ct);
        if (!result.Success) throw new InvalidOperationException($"{command} on {resource} failed: {result.Message}");
    }

    private static IEnumerable<int> WithDescendants(int pid)
    {
        var children = Directory.EnumerateDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), out var p) ? p : 0)
            .Where(p => p > 0 && ParentOf(p) == pid)
            .ToList();
        return children.SelectMany(WithDescendants).Prepend(pid);
    }

    private static int ParentOf(int pid)
    {
        try
        {
            // /proc/<pid>/stat: "pid (comm) state ppid ..."; comm may hold spaces, so read after its closing parenthesis.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1]);
        }
        catch (Exception e) when (e is IOException or FormatException or UnauthorizedAccessException)
        {
            return 0;
        }
    }

    private static async Task SignalAsync(string signal, int pid)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", $"-{signal} {pid}") { RedirectStandardError = true })!;
        await kill.WaitForExitAsync();
    }
}
