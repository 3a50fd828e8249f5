using System.Collections.Concurrent;
using FlashSales.ReservationContracts;
using StackExchange.Redis;

namespace FlashSales.Ordering.Placement;

/// <summary>
/// The products with no unit left, mirrored in process from the product service's sold-out set and kept fresh by its
/// announcements, so an order for one of them is refused here without a call, a query or a Redis round trip. Read
/// afresh at start, after every reconnect and every few seconds, in case an announcement was missed. A product shown
/// sold out a moment too long is refused a moment too long; one shown available a moment too long is refused by the
/// product service itself: the board only ever saves work.
/// </summary>
public sealed class SoldOutBoard(IConnectionMultiplexer redis, ILogger<SoldOutBoard> logger) : BackgroundService
{
    private static readonly TimeSpan Resync = TimeSpan.FromSeconds(5);
    private volatile ConcurrentDictionary<Guid, byte> _soldOut = new();

    public bool IsSoldOut(Guid productId) => _soldOut.ContainsKey(productId);

    /// <summary>
    /// Whether the product service holds stock for this order already: then a request for a sold-out product is a
    /// retry of the order that got it, to be answered with that order. One Redis read, only for requests the board
    /// would refuse; if Redis does not answer, the product service is asked instead.
    /// </summary>
    public async Task<bool> MayHoldStockAsync(Guid orderId)
    {
        try
        {
            return await redis.GetDatabase().KeyExistsAsync(ReservationMarkers.Key(orderId));
        }
        catch (RedisException)
        {
            return true;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var subscription = await redis.GetSubscriber().SubscribeAsync(RedisChannel.Literal(SoldOutFlags.Channel));
        subscription.OnMessage(message => Apply((string?)message.Message));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var members = await redis.GetDatabase().SetMembersAsync(SoldOutFlags.SetKey);
                _soldOut = new ConcurrentDictionary<Guid, byte>(members.Select(m => KeyValuePair.Create(Guid.Parse((string)m!), (byte)0)));
            }
            catch (RedisException ex)
            {
                logger.LogWarning(ex, "Reading the sold-out set failed; every order goes to the product service until it is read");
                _soldOut = new();
            }
            await Task.Delay(Resync, stoppingToken);
        }
    }

    private void Apply(string? change)
    {
        if (change is not { Length: > 1 } || !Guid.TryParse(change.AsSpan(1), out var id)) return;
        if (change[0] == '+') _soldOut.TryAdd(id, 0);
        else _soldOut.TryRemove(id, out _);
    }
}
