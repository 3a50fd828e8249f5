using System.Threading.Channels;

namespace FlashSales.ServiceInfrastructure.Batching;

/// <summary>
/// Sends concurrent calls to another service together. While fewer than <c>maxInFlight</c> batches are under way, a
/// call leaves at once with every call waiting at that moment (up to <c>maxBatch</c>): a lone call waits for no one,
/// and under load the calls that arrive while the earlier batches are being answered leave together, so the
/// receiver's work per request (a stream, authentication, routing, a JSON envelope) is paid once per batch rather
/// than once per call. A batch is answered when its slowest call is, so it holds its slot for at most
/// <c>holdSlotAtMost</c>: a batch held up by one slow call (an order waiting for a contended lock) does not hold back
/// the calls behind it. Each caller gets its own item's result. If the batch fails, every caller in it gets the
/// exception, as a call of its own would have; the other batches are not affected.
/// </summary>
public sealed class CallBatcher<TItem, TResult> : IAsyncDisposable
{
    /// <summary>Sends one batch and returns each item's result, in order.</summary>
    public delegate Task<IReadOnlyList<TResult>> SendBatch(IReadOnlyList<TItem> batch);

    private readonly Channel<Pending> _waiting = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SendBatch _send;
    private readonly int _maxBatch;
    private readonly SemaphoreSlim _slots;
    private readonly TimeSpan _holdSlotAtMost;
    private readonly Task _dispatching;

    public CallBatcher(SendBatch send, int maxBatch, int maxInFlight, TimeSpan holdSlotAtMost)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatch, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxInFlight, 1);
        (_send, _maxBatch, _slots, _holdSlotAtMost) = (send, maxBatch, new SemaphoreSlim(maxInFlight), holdSlotAtMost);
        _dispatching = Task.Run(DispatchAsync);
    }

    public Task<TResult> CallAsync(TItem item)
    {
        var pending = new Pending(item, new TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_waiting.Writer.TryWrite(pending)) throw new ObjectDisposedException(nameof(CallBatcher<TItem, TResult>));
        return pending.Result.Task;
    }

    private async Task DispatchAsync()
    {
        var waiting = _waiting.Reader;
        while (await waiting.WaitToReadAsync())
        {
            // A free slot first, then every call waiting by then: the longer the slots stay busy, the fuller the batch.
            await _slots.WaitAsync();
            var batch = new List<Pending>();
            while (batch.Count < _maxBatch && waiting.TryRead(out var next)) batch.Add(next);
            if (batch.Count == 0)
            {
                _slots.Release();
                continue;
            }
            _ = SendHoldingSlotAsync(batch);
        }
    }

    private async Task SendHoldingSlotAsync(List<Pending> batch)
    {
        var sending = SendAsync(batch);
        await Task.WhenAny(sending, Task.Delay(_holdSlotAtMost));
        _slots.Release();
        await sending;
    }

    private async Task SendAsync(List<Pending> batch)
    {
        try
        {
            var results = await _send([.. batch.Select(p => p.Item)]);
            if (results.Count != batch.Count) throw new InvalidOperationException($"A batch of {batch.Count} calls got {results.Count} answers.");
            for (var i = 0; i < batch.Count; i++) batch[i].Result.TrySetResult(results[i]);
        }
        catch (Exception ex)
        {
            foreach (var pending in batch) pending.Result.TrySetException(ex);
        }
    }

    /// <summary>Takes no more calls; those already taken are still sent.</summary>
    public async ValueTask DisposeAsync()
    {
        _waiting.Writer.TryComplete();
        await _dispatching;
    }

    private sealed record Pending(TItem Item, TaskCompletionSource<TResult> Result);
}
