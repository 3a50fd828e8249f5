namespace FlashSales.Bench.Measurement;

/// <summary>
/// CPU seconds used so far by each part of the system, read from /proc (user + system time). Processes are told apart
/// by their program; the bench's own process is split into the Kafka mock cluster it hosts (librdkafka's "rdk:mock"
/// thread, local mode) and everything else (load generator and AppHost orchestration).
/// </summary>
public static class ProcessCpu
{
    /// <summary>The bench's own process apart from the mock cluster: the load generator and the AppHost it hosts.</summary>
    public const string LoadGenerator = "bench";

    public static readonly string[] Parts = ["gateway", "order", "product", "payment", "mariadbd", "redis-server", "aspire-dcp", "kafka-mock",
        "dashboard", LoadGenerator];

    private static readonly double TicksPerSecond = 100; // USER_HZ, 100 on every Linux build .NET runs on

    public static IReadOnlyDictionary<string, double> Snapshot()
    {
        var seconds = Parts.ToDictionary(p => p, _ => 0.0);
        if (!OperatingSystem.IsLinux()) return seconds;
        var self = Environment.ProcessId;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                if (pid == self)
                {
                    // The process total keeps the time of threads that have ended; the mock cluster's thread lives on.
                    var mock = Directory.EnumerateDirectories(Path.Combine(dir, "task"))
                        .Where(task => File.ReadAllText(Path.Combine(task, "comm")).StartsWith("rdk:mock", StringComparison.Ordinal))
                        .Sum(task => CpuSeconds(Path.Combine(task, "stat")));
                    seconds["kafka-mock"] += mock;
                    seconds[LoadGenerator] += CpuSeconds(Path.Combine(dir, "stat")) - mock;
                    continue;
                }
                if (PartOf(File.ReadAllText(Path.Combine(dir, "cmdline"))) is { } owner)
                {
                    seconds[owner] += CpuSeconds(Path.Combine(dir, "stat"));
                }
            }
            catch (IOException)
            {
                // the process ended while we looked
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
        return seconds;
    }

    public static IReadOnlyDictionary<string, double> Difference(IReadOnlyDictionary<string, double> before,
        IReadOnlyDictionary<string, double> after) =>
        Parts.ToDictionary(p => p, p => Math.Max(0, after.GetValueOrDefault(p) - before.GetValueOrDefault(p)));

    /// <summary>The part a process belongs to, from its command line (NUL-separated); null for processes of no interest.</summary>
    public static string? PartOf(string cmdline)
    {
        // Some servers rewrite their title into one space-separated string (redis-server "path host:port").
        var program = Path.GetFileName(cmdline.Split('\0', 2)[0].Split(' ', 2)[0]);
        return program switch
        {
            "Gateway" => "gateway",
            "Ordering.Api" => "order",
            "Catalog.Api" => "product",
            "Payments.Api" => "payment",
            "mariadbd" or "mysqld" => "mariadbd",
            "redis-server" => "redis-server",
            "dcp" or "dcpctrl" or "dcpproc" => "aspire-dcp",
            "Aspire.Dashboard" => "dashboard",
            "dotnet" => cmdline.Split('\0') switch
            {
                // a service started as "dotnet Service.dll" rather than its own executable
                [_, var dll, ..] when dll.EndsWith(".dll", StringComparison.Ordinal) => PartOf(dll[..^4]),
                _ => null,
            },
            _ => null,
        };
    }

    private static double CpuSeconds(string statPath)
    {
        // Fields after the command name (which may contain spaces, so split after its closing parenthesis):
        // state is field 3; utime and stime are fields 14 and 15.
        var stat = File.ReadAllText(statPath);
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11]) + long.Parse(fields[12])) / TicksPerSecond;
    }
}
