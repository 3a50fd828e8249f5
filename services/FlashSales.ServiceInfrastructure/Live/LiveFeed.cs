using System.Collections.Concurrent;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace FlashSales.ServiceInfrastructure.Live;

/// <summary>
/// Updates pushed to shoppers' open pages as server-sent events, by topic (one shopper's orders, or everybody's stock).
/// A watcher costs a queued write per update it is sent, never a read of its own: whoever produces updates sends each
/// once, to every watcher of its topic. A watcher that falls behind loses its oldest updates, never slows the others;
/// an idle stream gets a ping now and then, so proxies keep it open.
/// </summary>
public sealed class LiveFeed<T>(string eventType, int maxWatchers)
{
    private const int QueuePerWatcher = 256;
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);

    private readonly ConcurrentDictionary<string, ConcurrentDictionary<Channel<T>, byte>> _topics = new();
    private int _watchers;

    public int Watchers => Volatile.Read(ref _watchers);

    /// <summary>Whether one more watcher fits; a page turned away is answered 503 and tries again later.</summary>
    public bool HasRoom => Watchers < maxWatchers;

    public void Send(string topic, T update)
    {
        if (!_topics.TryGetValue(topic, out var watchers)) return;
        foreach (var watcher in watchers.Keys) watcher.Writer.TryWrite(update);
    }

    /// <summary>The topic's updates from now on, after <paramref name="snapshot"/> (what the page needs to start from).</summary>
    public async IAsyncEnumerable<SseItem<T?>> WatchAsync(string topic, IEnumerable<T> snapshot,
        [EnumeratorCancellation] CancellationToken ct)
    {
        var channel = Channel.CreateBounded<T>(new BoundedChannelOptions(QueuePerWatcher)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
        // Registered before the snapshot is read: an update in between arrives twice, never not at all.
        lock (_topics) _topics.GetOrAdd(topic, _ => new()).TryAdd(channel, 0);
        Interlocked.Increment(ref _watchers);
        try
        {
            foreach (var update in snapshot) yield return new SseItem<T?>(update, eventType);
            while (!ct.IsCancellationRequested)
            {
                if (!await WaitForUpdateAsync(channel.Reader, ct))
                {
                    yield return new SseItem<T?>(default, "ping");
                    continue;
                }
                while (channel.Reader.TryRead(out var update)) yield return new SseItem<T?>(update, eventType);
            }
        }
        finally
        {
            Interlocked.Decrement(ref _watchers);
            // Joining and leaving take the lock (sending does not), so a topic emptied here is never one just joined.
            lock (_topics)
            {
                if (_topics.TryGetValue(topic, out var watchers) && watchers.TryRemove(channel, out _) && watchers.IsEmpty)
                {
                    _topics.TryRemove(topic, out _);
                }
            }
        }
    }

    /// <returns>True when an update is waiting; false when a heartbeat is due instead.</returns>
    private static async Task<bool> WaitForUpdateAsync(ChannelReader<T> reader, CancellationToken ct)
    {
        using var heartbeat = CancellationTokenSource.CreateLinkedTokenSource(ct);
        heartbeat.CancelAfter(Heartbeat);
        try
        {
            return await reader.WaitToReadAsync(heartbeat.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return false;
        }
    }
}
