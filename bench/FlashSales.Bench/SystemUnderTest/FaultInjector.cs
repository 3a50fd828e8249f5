using System.Diagnostics;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;

namespace FlashSales.Bench.SystemUnderTest;

/// <summary>
/// Real faults on the AppHost's resources, as they happen in production: a process killed (SIGKILL, no goodbye) and
/// started again through Aspire's start command, a database that stops answering (SIGSTOP, then SIGCONT), the Kafka
/// broker down (the local mock's broker-down command) and up; and the clients' side: every connection of the load
/// generator dropped at once, as when it is killed.
/// </summary>
public sealed class FaultInjector(DistributedApplication app)
{
    public static readonly IReadOnlyList<string> All =
        ["kill-order", "kill-product", "kill-payment", "redis-restart", "mysql-unreachable", "kafka-down", "client-abort"];

    public static string Describe(string fault) => fault switch
    {
        "kill-order" => "kill -9 of the order service, then started again",
        "kill-product" => "kill -9 of the product service, then started again",
        "kill-payment" => "kill -9 of the payment service, then started again",
        "redis-restart" => "kill -9 of redis-server (no persistence: its data is lost), then started again",
        "mysql-unreachable" => "mariadbd stopped (SIGSTOP) for 5 s, then continued",
        "kafka-down" => "the Kafka broker down for 10 s, then up",
        "client-abort" => "the load generator killed: every connection dropped mid-request, then new clients",
        _ => throw new ArgumentException($"Unknown fault '{fault}'; use {string.Join(", ", All)}."),
    };

    /// <summary>Injects the fault and returns once it is over: the resource started again and healthy, or the outage's time up.</summary>
    /// <param name="killClients">Drops every connection of the running load at once and returns when it has stopped.</param>
    public async Task InjectAsync(string fault, Func<Task> killClients, CancellationToken ct)
    {
        switch (fault)
        {
            case "client-abort": await killClients(); break;
            case "kill-order": await KillAndStartAsync("order", ct); break;
            case "kill-product": await KillAndStartAsync("product", ct); break;
            case "kill-payment": await KillAndStartAsync("payment", ct); break;
            case "redis-restart": await KillAndStartAsync("redis", ct); break;
            case "mysql-unreachable":
                var mariadbd = await PidAsync("mysql", ct);
                await SignalAsync("STOP", mariadbd);
                try { await Task.Delay(TimeSpan.FromSeconds(5), ct); }
                finally { await SignalAsync("CONT", mariadbd); }
                break;
            case "kafka-down":
                await CommandAsync("kafka", "broker-down", ct);
                try { await Task.Delay(TimeSpan.FromSeconds(10), ct); }
                finally { await CommandAsync("kafka", "broker-up", CancellationToken.None); }
                break;
            default: throw new ArgumentException($"Unknown fault '{fault}'.");
        }
    }

    private async Task KillAndStartAsync(string resource, CancellationToken ct)
    {
        var pid = await PidAsync(resource, ct);
        // A project runs as `dotnet run`, whose child is the service: kill both, as a crash of the machine's process would.
        foreach (var process in WithDescendants(pid)) await SignalAsync("KILL", process);
        await app.ResourceNotifications.WaitForResourceAsync(resource, e => e.Snapshot.State?.Text is "Exited" or "Finished", ct);
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
