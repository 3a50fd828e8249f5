namespace FlashSales.Bench.Load;

/// <summary>
/// Shoppers' open pages: each holds the storefront's live stock stream (server-sent events through the gateway) on a
/// connection of its own, reading whatever comes, until disposed. For measuring what watching costs the order path.
/// </summary>
public sealed class LiveWatchers : IAsyncDisposable
{
    private readonly HttpClient _http;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _streams = [];
    private long _events;
    private int _open;

    private LiveWatchers(Uri gateway, int count)
    {
        _http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = count, ConnectTimeout = TimeSpan.FromSeconds(30) })
        {
            BaseAddress = gateway,
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    /// <summary>Streams that answered 200 and are being read.</summary>
    public int Open => Volatile.Read(ref _open);

    /// <summary>Lines of events received over all streams.</summary>
    public long Events => Interlocked.Read(ref _events);

    public static async Task<LiveWatchers> OpenAsync(Uri gateway, int count, CancellationToken ct)
    {
        var watchers = new LiveWatchers(gateway, count);
        for (var i = 0; i < count; i++) watchers._streams.Add(watchers.WatchAsync());
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (watchers.Open < count && DateTime.UtcNow < deadline) await Task.Delay(200, ct);
        return watchers;
    }

    private async Task WatchAsync()
    {
        try
        {
            using var response = await _http.GetAsync("/api/products/live", HttpCompletionOption.ResponseHeadersRead, _stop.Token);
            if (!response.IsSuccessStatusCode) return;
            Interlocked.Increment(ref _open);
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(_stop.Token));
            while (await reader.ReadLineAsync(_stop.Token) is { } line)
            {
                if (line.StartsWith("data:", StringComparison.Ordinal)) Interlocked.Increment(ref _events);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or HttpRequestException or IOException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_streams);
        _http.Dispose();
        _stop.Dispose();
    }
}
