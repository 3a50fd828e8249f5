using System.Runtime.InteropServices;

namespace FlashSales.Bench.Measurement;

/// <summary>The machine a run was measured on, written beside every number.</summary>
public sealed record Machine(int Cores, double MemoryGiB, string CpuModel, string Os, string Runtime)
{
    public static Machine Current() => new(
        Environment.ProcessorCount,
        Math.Round(MemoryKiB() / 1024.0 / 1024.0, 1),
        ReadCpuModel(),
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription);

    public override string ToString() => $"{Cores} cores, {MemoryGiB} GiB, {CpuModel}, {Os}, {Runtime}";

    private static string ReadCpuModel() =>
        ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
        ?? RuntimeInformation.ProcessArchitecture.ToString();

    private static long MemoryKiB() =>
        ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal)) is { } line
            ? long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1])
            : 0;

    private static IEnumerable<string> ReadLines(string path) => File.Exists(path) ? File.ReadLines(path) : [];
}
