using Aspire.Hosting;
using System.Diagnostics;

namespace FlashSales.IntegrationTests;

/// <summary>The process behind an executable resource of the app (a local server), for injecting faults into it.</summary>
internal static class ResourceProcess
{
    public static async Task<int> PidAsync(DistributedApplication app, string resource)
    {
        var running = await app.ResourceNotifications.WaitForResourceAsync(resource, e => e.Snapshot.Properties.Any(p => p.Name == "executable.pid"));
        return Convert.ToInt32(running.Snapshot.Properties.First(p => p.Name == "executable.pid").Value);
    }

    /// <summary>Sends a signal (STOP, CONT, KILL ...) as kill(1) does.</summary>
    public static async Task SignalAsync(int pid, string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", $"-{signal} {pid}"))!;
        await kill.WaitForExitAsync();
        Assert.Equal(0, kill.ExitCode);
    }
}
