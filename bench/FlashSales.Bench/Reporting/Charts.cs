using ScottPlot;

namespace FlashSales.Bench.Reporting;

/// <summary>PNG charts of a run (ScottPlot): throughput and latency over time, and the strategies side by side.</summary>
public static class Charts
{
    private const int Width = 1000, Height = 480;

    public static void Throughput(ProfileResult result, string path)
    {
        var plot = new Plot();
        var t = result.Seconds.Select(s => (double)s.Second).ToArray();
        Line(plot, t, result.Seconds.Select(s => (double)s.Accepted), "accepted/s", Colors.SeaGreen);
        Line(plot, t, result.Seconds.Select(s => (double)s.Rejected), "rejected/s (409 and other 4xx)", Colors.DarkOrange);
        Line(plot, t, result.Seconds.Select(s => (double)s.Errors), "errors/s (5xx, timeouts, sockets)", Colors.Crimson);
        plot.Add.HorizontalLine(result.Ceiling.RequestsPerSecond, 1, Colors.Gray,
            LinePattern.Dashed).LegendText = "ceiling (no-I/O GET through the gateway)";
        Finish(plot, $"{result.Profile} ({result.Strategy}): answers per second", "seconds", "per second", path);
    }

    public static void Latency(ProfileResult result, string path)
    {
        var plot = new Plot();
        var t = result.Seconds.Select(s => (double)s.Second).ToArray();
        Line(plot, t, result.Seconds.Select(s => s.P50Ms), "p50", Colors.SteelBlue);
        Line(plot, t, result.Seconds.Select(s => s.P90Ms), "p90", Colors.SeaGreen);
        Line(plot, t, result.Seconds.Select(s => s.P99Ms), "p99", Colors.DarkOrange);
        Line(plot, t, result.Seconds.Select(s => s.P999Ms), "p99.9", Colors.Crimson);
        Finish(plot, $"{result.Profile} ({result.Strategy}): order latency per second", "seconds", "milliseconds", path);
    }

    /// <summary>Accepted and answered orders/s of each profile, one bar per strategy.</summary>
    public static void Strategies(IReadOnlyList<ProfileResult> results, string path)
    {
        var plot = new Plot();
        var profiles = results.Select(r => r.Profile).Distinct().ToList();
        var strategies = results.Select(r => r.Strategy).Distinct().ToList();
        Color[] palette = [Colors.SteelBlue, Colors.DarkOrange];
        var bars = new List<Bar>();
        for (var p = 0; p < profiles.Count; p++)
        {
            for (var s = 0; s < strategies.Count; s++)
            {
                if (results.FirstOrDefault(r => r.Profile == profiles[p] && r.Strategy == strategies[s]) is not { } result) continue;
                var value = result.Profile is "hot" ? result.AnsweredPerSecond : result.AcceptedPerSecond;
                bars.Add(new Bar
                {
                    Position = p * (strategies.Count + 1) + s, Value = value, FillColor = palette[s % palette.Length],
                    Label = $"{value:N0}"
                });
            }
        }
        plot.Add.Bars(bars).ValueLabelStyle.FontSize = 12;
        plot.Axes.Bottom.SetTicks(
            [.. profiles.Select((_, p) => p * (strategies.Count + 1) + (strategies.Count - 1) / 2.0)],
            [.. profiles.Select(p => p is "hot" ? "hot (answered/s)" : $"{p} (accepted/s)")]);
        for (var s = 0; s < strategies.Count; s++) plot.Legend.ManualItems.Add(new LegendItem
        {
            LabelText = strategies[s],
            FillColor = palette[s % palette.Length]
        });
        plot.Axes.Margins(bottom: 0);
        Finish(plot, "Orders per second by profile and reservation strategy", "", "orders per second", path);
    }

    private static void Line(Plot plot, double[] x, IEnumerable<double> y, string label, Color color)
    {
        var line = plot.Add.ScatterLine(x, y.ToArray(), color);
        line.LegendText = label;
        line.LineWidth = 2;
    }

    private static void Finish(Plot plot, string title, string x, string y, string path)
    {
        plot.Title(title);
        plot.XLabel(x);
        plot.YLabel(y);
        plot.ShowLegend(Alignment.UpperRight);
        plot.SavePng(path, Width, Height);
    }
}
