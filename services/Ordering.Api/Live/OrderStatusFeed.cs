using System.Net.ServerSentEvents;
using System.Text.Json;
using FlashSales.ServiceInfrastructure.Live;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace FlashSales.Ordering.Live;

/// <summary>An order's new status as its shopper's page shows it.</summary>
public sealed record OrderStatusChange(Guid OrderId, string UserId, string Status, DateTime At);

/// <summary>
/// Every order's status changes, told to its shopper's open pages. A change is committed on whichever replica applied
/// it and published once over Redis; each replica passes it to the pages it serves for that shopper. A change missed
/// while a page was away is read back with the orders when it reconnects.
/// </summary>
public sealed class OrderStatusFeed(IConnectionMultiplexer redis, IOptions<OrderOptions> options, ILogger<OrderStatusFeed> logger)
{
    private static readonly RedisChannel Changes = RedisChannel.Literal("flashsales:order-status");

    private readonly LiveFeed<OrderStatusChange> _feed = new("order", options.Value.MaxLiveWatchers);
    private readonly SemaphoreSlim _subscribing = new(1, 1);
    private volatile bool _subscribed;

    public bool HasRoom => _feed.HasRoom;

    public async Task<IAsyncEnumerable<SseItem<OrderStatusChange?>>> WatchAsync(string userId, CancellationToken ct)
    {
        await SubscribeOnceAsync();
        return _feed.WatchAsync(userId, [], ct);
    }

    /// <summary>Changes that have been committed; sent without waiting (a page that misses one reads it back).</summary>
    public void Publish(IReadOnlyList<OrderStatusChange> changes)
    {
        if (changes.Count == 0) return;
        redis.GetSubscriber().Publish(Changes, JsonSerializer.SerializeToUtf8Bytes(changes), CommandFlags.FireAndForget);
    }

    private async Task SubscribeOnceAsync()
    {
        if (_subscribed) return;
        await _subscribing.WaitAsync();
        try
        {
            if (_subscribed) return;
            await redis.GetSubscriber().SubscribeAsync(Changes, (_, message) => Deliver(message));
            _subscribed = true;
        }
        finally
        {
            _subscribing.Release();
        }
    }

    private void Deliver(RedisValue message)
    {
        try
        {
            foreach (var change in JsonSerializer.Deserialize<OrderStatusChange[]>((byte[])message!) ?? [])
            {
                _feed.Send(change.UserId, change);
            }
        }
        catch (JsonException ex)
        {
            logger.LogWarning("An order status message could not be read ({Error})", ex.Message);
        }
    }
}
