using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace FlashSales.ServiceInfrastructure.GroupCommit;

/// <summary>
/// Gathers durable writes from concurrent callers for up to <see cref="GroupCommitOptions.Linger"/> (or
/// <see cref="GroupCommitOptions.MaxBatch"/> items) and commits them in one transaction. Each caller's task completes
/// only after the transaction that holds its item committed, with that item's own result; if the commit throws,
/// every caller of the batch gets the exception. An item, once submitted, is committed even if its caller gives up:
/// a write that its caller stopped waiting for is not undone by that. While a batch has been committing for longer
/// than <see cref="GroupCommitOptions.StallAfter"/> (the database stopped answering), new items are refused at once.
/// </summary>
public sealed class GroupCommitter<TItem, TResult> : IAsyncDisposable
{
    /// <summary>Commits one batch in one transaction and returns each item's result, in order.</summary>
    public delegate Task<IReadOnlyList<TResult>> CommitBatch(IReadOnlyList<TItem> batch, CancellationToken ct);

    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = false });
    private readonly CommitBatch _commit;
    private readonly GroupCommitOptions _options;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task[] _loops;
    private readonly long[] _committingSince;

    public GroupCommitter(CommitBatch commit, GroupCommitOptions options, ILogger logger)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxBatch, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxConcurrentBatches, 1);
        (_commit, _options, _logger) = (commit, options, logger);
        _committingSince = new long[options.MaxConcurrentBatches];
        _loops = [.. Enumerable.Range(0, options.MaxConcurrentBatches).Select(loop => Task.Run(() => CommitLoopAsync(loop)))];
    }

    /// <summary>How long the oldest batch still committing has been at it (zero when none is).</summary>
    public TimeSpan LongestCommit
    {
        get
        {
            var longest = TimeSpan.Zero;
            for (var loop = 0; loop < _committingSince.Length; loop++)
            {
                var started = Volatile.Read(ref _committingSince[loop]);
                if (started != 0 && Stopwatch.GetElapsedTime(started) is var running && running > longest) longest = running;
            }
            return longest;
        }
    }

    /// <summary>The database has stopped answering: a batch has been committing for longer than StallAfter.</summary>
    public bool IsStalled => LongestCommit > _options.StallAfter;

    /// <exception cref="StoreStalledException">The database is stalled: the item was not queued.</exception>
    public Task<TResult> SubmitAsync(TItem item)
    {
        if (LongestCommit is var waiting && waiting > _options.StallAfter) throw new StoreStalledException(waiting);
        var pending = new Pending(item, new TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(pending)) throw new ObjectDisposedException(nameof(GroupCommitter<TItem, TResult>));
        return pending.Result.Task;
    }

    private async Task CommitLoopAsync(int loop)
    {
        var batch = new List<Pending>(_options.MaxBatch);
        var reader = _queue.Reader;
        try
        {
            while (await reader.WaitToReadAsync(_stopping.Token))
            {
                Fill(batch, reader);
                if (batch.Count == 0) continue;
                if (batch.Count < _options.MaxBatch && _options.Linger > TimeSpan.Zero)
                {
                    await Task.Delay(_options.Linger, _stopping.Token);
                    Fill(batch, reader);
                }
                Volatile.Write(ref _committingSince[loop], Stopwatch.GetTimestamp());
                try
                {
                    await CommitAsync(batch);
                }
                finally
                {
                    Volatile.Write(ref _committingSince[loop], 0);
                }
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            foreach (var pending in batch) pending.Result.TrySetCanceled();
        }
    }

    private void Fill(List<Pending> batch, ChannelReader<Pending> reader)
    {
        while (batch.Count < _options.MaxBatch && reader.TryRead(out var next)) batch.Add(next);
    }

    private async Task CommitAsync(List<Pending> batch)
    {
        try
        {
            var results = await _commit([.. batch.Select(p => p.Item)], CancellationToken.None);
            if (results.Count != batch.Count) throw new InvalidOperationException($"A batch of {batch.Count} returned {results.Count} results.");
            for (var i = 0; i < batch.Count; i++) batch[i].Result.TrySetResult(results[i]);
        }
        catch (Exception ex)
        {
            _logger.LogWarning(ex, "A batch of {Count} writes failed; each of its callers gets the error", batch.Count);
            foreach (var pending in batch) pending.Result.TrySetException(ex);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        try
        {
            await Task.WhenAll(_loops).WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (TimeoutException)
        {
            _logger.LogWarning("Batches still committing after 10 s at shutdown; their callers are cancelled");
        }
        await _stopping.CancelAsync();
        while (_queue.Reader.TryRead(out var left)) left.Result.TrySetCanceled();
        _stopping.Dispose();
    }

    private sealed record Pending(TItem Item, TaskCompletionSource<TResult> Result);
}
