using System.Net.ServerSentEvents;
using FlashSales.ServiceInfrastructure.Live;

namespace FlashSales.UnitTests;

public sealed class LiveFeedTests
{
    [Fact]
    public async Task A_watcher_gets_its_snapshot_then_its_topics_updates_and_no_others()
    {
        var feed = new LiveFeed<string>("order", maxWatchers: 10);
        using var stop = new CancellationTokenSource();
        await using var alice = feed.WatchAsync("alice", ["snapshot"], stop.Token).GetAsyncEnumerator(stop.Token);

        Assert.Equal(new SseItem<string?>("snapshot", "order"), await NextAsync(alice));
        feed.Send("bob", "bob's order");
        feed.Send("alice", "alice's order");
        Assert.Equal(new SseItem<string?>("alice's order", "order"), await NextAsync(alice));
        Assert.Equal(1, feed.Watchers);
    }

    [Fact]
    public async Task A_watcher_that_leaves_is_no_longer_counted_and_room_is_bounded()
    {
        var feed = new LiveFeed<string>("stock", maxWatchers: 1);
        using var stop = new CancellationTokenSource();
        var watcher = feed.WatchAsync("", ["first"], stop.Token).GetAsyncEnumerator(stop.Token);
        await NextAsync(watcher);
        Assert.False(feed.HasRoom);

        await watcher.DisposeAsync();
        Assert.Equal(0, feed.Watchers);
        Assert.True(feed.HasRoom);
        feed.Send("", "nobody listens");
    }

    [Fact]
    public async Task A_watcher_that_falls_behind_keeps_the_newest_updates()
    {
        var feed = new LiveFeed<int>("stock", maxWatchers: 10);
        using var stop = new CancellationTokenSource();
        await using var slow = feed.WatchAsync("", [-1], stop.Token).GetAsyncEnumerator(stop.Token);
        await NextAsync(slow);

        for (var i = 0; i < 1000; i++) feed.Send("", i);
        var first = await NextAsync(slow);
        Assert.Equal(1000 - 256, first.Data);
    }

    private static async Task<SseItem<T?>> NextAsync<T>(IAsyncEnumerator<SseItem<T?>> watcher)
    {
        var next = watcher.MoveNextAsync().AsTask();
        Assert.Same(next, await Task.WhenAny(next, Task.Delay(TimeSpan.FromSeconds(30))));
        Assert.True(await next);
        return watcher.Current;
    }
}
