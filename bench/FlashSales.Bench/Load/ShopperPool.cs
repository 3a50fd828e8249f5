namespace FlashSales.Bench.Load;

/// <summary>
/// The benchmark's shoppers: registered and signed in through the gateway before a timed part needs them (one per
/// virtual user), kept for the later profiles of the run, and their access tokens refreshed every few minutes so a
/// long run never meets a lapsed token.
/// </summary>
public sealed class ShopperPool : IAsyncDisposable
{
    private const int SignInsAtOnce = 16;
    private static readonly TimeSpan RefreshEvery = TimeSpan.FromMinutes(5);

    private readonly ShopClient _shop;
    private readonly string _prefix;
    private readonly List<Shopper> _shoppers = [];
    private readonly SemaphoreSlim _growing = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _refreshing;

    public ShopperPool(ShopClient shop, string prefix)
    {
        _shop = shop;
        _prefix = prefix;
        _refreshing = RefreshAsync(_stop.Token);
    }

    public static string PasswordOf(string userName) => $"Bench-{userName}-1a!";

    /// <summary>The first <paramref name="count"/> shoppers, signing in the ones not yet there.</summary>
    public async Task<IReadOnlyList<Shopper>> TakeAsync(int count, CancellationToken ct)
    {
        await _growing.WaitAsync(ct);
        try
        {
            var added = Enumerable.Range(_shoppers.Count,
                Math.Max(0, count - _shoppers.Count)).Select(i => new Shopper($"bench-{_prefix}-{i}")).ToList();
            await Parallel.ForEachAsync(added, new ParallelOptions { MaxDegreeOfParallelism = SignInsAtOnce, CancellationToken = ct },
                async (shopper, token) => await _shop.RegisterAndSignInAsync(shopper, PasswordOf(shopper.UserName), token));
            _shoppers.AddRange(added);
            return _shoppers.Take(count).ToList();
        }
        finally
        {
            _growing.Release();
        }
    }

    private async Task RefreshAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(RefreshEvery);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                Shopper[] all;
                await _growing.WaitAsync(ct);
                try { all = [.. _shoppers]; } finally { _growing.Release(); }
                await Parallel.ForEachAsync(all, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct },
                    async (shopper, token) => await _shop.RefreshAsync(shopper, token));
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _refreshing;
        _stop.Dispose();
        _growing.Dispose();
    }
}
