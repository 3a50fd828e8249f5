using System.Diagnostics;

namespace FlashSales.AppHost.Infrastructure;

/// <summary>
/// The system account a local server drops to when the AppHost runs as root (as CI does): a daemon such as mariadbd
/// must not run as root. Null when not root or when the account does not exist (then the server runs as the caller).
/// </summary>
public sealed class ServiceAccount
{
    private ServiceAccount(string name) => Name = name;

    public string Name { get; }

    public static ServiceAccount? ForDaemon(string name)
    {
        if (OperatingSystem.IsWindows() || Environment.UserName != "root") return null;
        return File.ReadLines("/etc/passwd").Any(line => line.StartsWith(name + ":", StringComparison.Ordinal)) ? new ServiceAccount(name) : null;
    }

    /// <summary>Gives a file to the account (e.g. one the AppHost just wrote as root).</summary>
    public void Own(string path) => Run("chown", Name + ":", path);

    /// <summary>
    /// Lets the account reach a directory: every parent needs the execute (search) bit for others. Only that bit is
    /// added, where missing (e.g. a mktemp directory, mode 700), so nothing becomes listable or readable.
    /// </summary>
    public void MakeReachable(string directory)
    {
        if (OperatingSystem.IsWindows()) return;
        for (var dir = new DirectoryInfo(directory).Parent; dir is not null; dir = dir.Parent)
        {
            var mode = File.GetUnixFileMode(dir.FullName);
            if (!mode.HasFlag(UnixFileMode.OtherExecute)) File.SetUnixFileMode(dir.FullName, mode | UnixFileMode.OtherExecute);
        }
    }

    private static void Run(string program, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(program, args) { RedirectStandardError = true })
            ?? throw new InvalidOperationException($"Could not start {program}.");
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException(
            $"{program} {string.Join(' ', args)} failed: {process.StandardError.ReadToEnd()}");
    }
}
