using System.Diagnostics;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;

namespace FlashSales.Testing;

/// <summary>
/// The processes behind an AppHost's executable resources (the local servers and the services), for injecting faults:
/// signals (stop, continue, kill), a pause, and a kill followed by Aspire's start command.
/// </summary>
public static class ResourceProcesses
{
    /// <summary>The process id of the resource's (first) running instance.</summary>
    public static async Task<int> PidAsync(DistributedApplication app, string resource, CancellationToken ct = default)
    {
        var running = await app.ResourceNotifications.WaitForResourceAsync(resource,
            e => e.Snapshot.State?.Text == KnownResourceStates.Running && e.Snapshot.Properties.Any(p => p.Name == "executable.pid"), ct);
        return Convert.ToInt32(running.Snapshot.Properties.First(p => p.Name == "executable.pid").Value);
    }

    /// <summary>Sends a signal (STOP, CONT, KILL ...) as kill(1) does.</summary>
    /// <returns>Whether the process was there to take it.</returns>
    public static async Task<bool> SignalAsync(int pid, string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", $"-{signal} {pid}") { RedirectStandardError = true })!;
        await kill.WaitForExitAsync();
        return kill.ExitCode == 0;
    }

    /// <summary>Stops the resource's process and its children (SIGSTOP) for <paramref name="pause"/>, then continues them.</summary>
    public static async Task PauseAsync(DistributedApplication app, string resource, TimeSpan pause, CancellationToken ct)
    {
        var processes = WithDescendants(await PidAsync(app, resource, ct)).ToList();
        foreach (var process in processes) await SignalAsync(process, "STOP");
        try
        {
            await Task.Delay(pause, ct);
        }
        finally
        {
            foreach (var process in processes) await SignalAsync(process, "CONT");
        }
    }

    /// <summary>
    /// kill -9 of the resource's process and its children; after <paramref name="down"/>, Aspire's start command, until
    /// the resource is healthy again.
    /// </summary>
    public static async Task KillAndStartAsync(DistributedApplication app, string resource, TimeSpan down, CancellationToken ct)
    {
        foreach (var process in WithDescendants(await PidAsync(app, resource, ct))) await SignalAsync(process, "KILL");
        await app.ResourceNotifications.WaitForResourceAsync(resource, e => e.Snapshot.State?.Text is "Exited" or "Finished", ct);
        await Task.Delay(down, ct);
        for (var attempt = 1; ; attempt++)
        {
            await CommandAsync(app, resource, KnownResourceCommands.StartCommand, ct);
            var started = await app.ResourceNotifications.WaitForResourceAsync(resource,
                e => e.Snapshot.State?.Text is "Running" or "FailedToStart", ct);
            if (started.Snapshot.State?.Text == "Running") break;
            if (attempt == 3) throw new InvalidOperationException($"{resource} failed to start again {attempt} times after it was killed.");
            await Task.Delay(TimeSpan.FromSeconds(1), ct);
        }
        await app.ResourceNotifications.WaitForResourceHealthyAsync(resource, ct);
    }

    /// <summary>Runs one of the resource's commands (the dashboard's buttons), failing if it fails.</summary>
    public static async Task CommandAsync(DistributedApplication app, string resource, string command, CancellationToken ct)
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
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1]);
        }
        catch (Exception e) when (e is IOException or FormatException or UnauthorizedAccessException)
        {
            return 0;
        }
    }
}
