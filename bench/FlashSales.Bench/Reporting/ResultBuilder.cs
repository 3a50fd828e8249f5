using HdrHistogram;

namespace FlashSales.Bench.Reporting;

/// <summary>Turns a recorder's raw counts and histograms into the report's numbers.</summary>
public static class ResultBuilder
{
    public static RunTotals Totals(RunRecorder recorder)
    {
        var byOutcome = OutcomeExtensions.All.ToDictionary(o => o.Code(), recorder.Total);
        var seconds = recorder.Seconds;
        return new RunTotals(
            seconds.Sum(s => s.Requests), recorder.Total(Outcome.Accepted), seconds.Sum(s => s.Rejections), seconds.Sum(s => s.Errors),
            byOutcome, seconds.Sum(s => s.Payments), seconds.Sum(s => s.PaymentErrors));
    }

    public static LatencySummary Latency(HistogramBase histogram) => histogram.TotalCount == 0
        ? new LatencySummary(0, 0, 0, 0, 0, 0)
        : new LatencySummary(Ms(histogram, 50), Ms(histogram, 90), Ms(histogram, 99), Ms(histogram, 99.9), histogram.GetMaxValue() / 1000.0,
            histogram.GetMean() / 1000.0);

    /// <param name="seconds">How many seconds the run lasted (the recorder may hold spare empty ones).</param>
    /// <param name="users">Virtual users active in each second, where known.</param>
    public static IReadOnlyList<SecondSample> Seconds(RunRecorder recorder, int seconds, IReadOnlyDictionary<int, int> users) =>
        [.. recorder.Seconds.Take(seconds).Select((s, i) => new SecondSample(i, users.GetValueOrDefault(i), s.Requests, s.Count(Outcome.Accepted),
            s.Rejections, s.Errors,
            OutcomeExtensions.All.Where(o => s.Count(o) > 0).ToDictionary(o => o.Code(), s.Count),
            Ms(s.Latency, 50), Ms(s.Latency, 90), Ms(s.Latency, 99), Ms(s.Latency, 99.9),
                s.Latency.TotalCount == 0 ? 0 : s.Latency.GetMaxValue() / 1000.0))];

    private static double Ms(HistogramBase histogram, double percentile) =>
        histogram.TotalCount == 0 ? 0 : histogram.GetValueAtPercentile(percentile) / 1000.0;
}
