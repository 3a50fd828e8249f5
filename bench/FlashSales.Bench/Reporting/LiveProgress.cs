using Spectre.Console;

namespace FlashSales.Bench.Reporting;

/// <summary>
/// Shows a run while it goes: the last full second's requests, accepted, rejected, errors and p99. A live table on a
/// terminal; one line every five seconds otherwise (CI logs). Also samples the virtual users each second.
/// </summary>
public static class LiveProgress
{
    public static async Task<IReadOnlyDictionary<int, int>> FollowAsync(string title, RunRecorder recorder, Func<int> users, Task run)
    {
        var samples = new Dictionary<int, int>();
        var interactive = AnsiConsole.Profile.Capabilities.Interactive && !Console.IsOutputRedirected;
        if (interactive)
        {
            var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape(title));
            foreach (var column in new[] { "t (s)", "users", "req/s", "accepted/s", "rejected/s", "errors/s", "p99 ms" }) table.AddColumn(column);
            await AnsiConsole.Live(table).StartAsync(async ctx =>
            {
                while (!run.IsCompleted)
                {
                    await Task.WhenAny(run, Task.Delay(1000));
                    var row = Sample(recorder, users, samples);
                    if (row is null) continue;
                    table.Rows.Clear();
                    table.AddRow(row);
                    ctx.Refresh();
                }
            });
        }
        else
        {
            AnsiConsole.MarkupLine($"[bold]{Markup.Escape(title)}[/]");
            var next = 5;
            while (!run.IsCompleted)
            {
                await Task.WhenAny(run, Task.Delay(1000));
                var row = Sample(recorder, users, samples);
                if (row is null || recorder.Elapsed.TotalSeconds < next) continue;
                next += 5;
                Console.WriteLine($"  t={row[0]}s users={row[1]} req/s={row[2]} accepted/s={row[3]} rejected/s={row[4]} " +
                    $"errors/s={row[5]} p99={row[6]}ms");
            }
        }
        await run;
        return samples;
    }

    private static string[]? Sample(RunRecorder recorder, Func<int> users, Dictionary<int, int> samples)
    {
        var now = (int)recorder.Elapsed.TotalSeconds;
        var active = users();
        samples[now] = active;
        var seconds = recorder.Seconds;
        var last = now - 1;
        if (last < 0 || last >= seconds.Count) return null;
        var s = seconds[last];
        var p99 = s.Latency.TotalCount == 0 ? 0 : s.Latency.GetValueAtPercentile(99) / 1000.0;
        return [$"{last + 1}", $"{active}", $"{s.Requests}", $"{s.Count(Outcome.Accepted)}", $"{s.Rejections}", $"{s.Errors}", $"{p99:0.0}"];
    }
}
