using FlashSales.Bench.Audit;
using FlashSales.Bench.Measurement;
using FlashSales.Bench.Reporting;

namespace FlashSales.UnitTests;

public sealed class PerformanceTargetsTests
{
    [Fact]
    public void Seed_scenario_is_judged_on_its_share_of_the_ceiling_and_the_system_CPU_per_accepted_order()
    {
        // 3,000 accepted in 10 s against a 10,000 req/s ceiling (3 %); 6 CPU-s of the system (the bench's own 60 left out).
        var seed = Result("seed-scenario", accepted: 3_000, ceiling: 10_000, cpu: new() { ["order"] = 4, ["dashboard"] = 2, ["bench"] = 60 });

        var judged = PerformanceTargets.Judge([seed]);

        Assert.False(Find(judged, "25 %").Met);
        Assert.Contains("3.0 %", Find(judged, "25 %").Measured);
        var cpu = Find(judged, "0.6 ms");
        Assert.False(cpu.Met);
        Assert.StartsWith("2.00 ms (dashboard included)", cpu.Measured);
    }

    [Fact]
    public void Hot_is_judged_on_answers_and_p99_and_the_stampede_on_its_slowest_buyer()
    {
        var hot = Result("hot", accepted: 10_000, ceiling: 1_000, p99: 99, rejections: 60_000);
        var stampede = Result("stampede", accepted: 100, ceiling: 1_000, rejections: 1_900, max: 1_200);

        var judged = PerformanceTargets.Judge([hot, stampede]);

        Assert.True(Find(judged, "60 %").Met);
        Assert.True(Find(judged, "p99").Met);
        var slowest = Find(judged, "within 1 s");
        Assert.False(slowest.Met);
        Assert.StartsWith("slowest 1,200 ms; 2,000 of 2,000 answered", slowest.Measured);
    }

    private static PerformanceTargets.Judgement Find(IReadOnlyList<PerformanceTargets.Judgement> judged, string target) =>
        Assert.Single(judged, j => j.Target.Contains(target, StringComparison.Ordinal));

    private static ProfileResult Result(string profile, long accepted, double ceiling, Dictionary<string, double>? cpu = null,
        double p99 = 50, long rejections = 0, double max = 100) => new()
        {
            Profile = profile,
            Strategy = "atomic",
            System = "test",
            Load = "test",
            Ceiling = new Ceiling(100, 10, (long)(ceiling * 10), 0, ceiling, 1, 2),
            LoadSeconds = 10,
            Totals = new RunTotals(accepted + rejections, accepted, rejections, 0, new Dictionary<string, long>(), 0, 0),
            Latency = new LatencySummary(10, 20, p99, p99, max, 15),
            Seconds = [],
            SqlStatements = 0,
            CpuSeconds = cpu ?? [],
            Facts = [],
            Audit = new AuditReport([], TimeSpan.Zero, 1),
        };
}
