using System.Collections.Concurrent;
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
/// <remarks>
/// Batches are committed on threads of their own, with synchronous database calls. Awaited, each round trip of a
/// commit would resume through the thread pool's queue, behind every request waiting there: under a stampede on two
/// busy cores that queue made a four-statement commit last over a second, holding its rows' locks all along (other
/// batches waited on them) and tripping the stall limit although the database answered in milliseconds. A blocked
/// thread of its own resumes as soon as the database answers.
/// </remarks>
public sealed class GroupCommitter<TItem, TResult> : IAsyncDisposable
{
    /// <summary>Commits one batch in one transaction, synchronously, and returns each item's result, in order.</summary>
    public delegate IReadOnlyList<TResult> CommitBatch(IReadOnlyList<TItem> batch);

    private readonly BlockingCollection<Pending> _queue = new(new ConcurrentQueue<Pending>());
    private readonly CommitBatch _commit;
    private readonly GroupCommitOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Thread[] _loops;
    private readonly long[] _committingSince;

    public GroupCommitter(string name, CommitBatch commit, GroupCommitOptions options, ILogger logger, TimeProvider? time = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxBatch, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxConcurrentBatches, 1);
        (_commit, _options, _logger, _time) = (commit, options, logger, time ?? TimeProvider.System);
        _committingSince = new long[options.MaxConcurrentBatches];
        _loops = [.. Enumerable.Range(0, options.MaxConcurrentBatches)
            .Select(loop => new Thread(() => CommitLoop(loop)) { IsBackground = true, Name = $"{name} commit {loop}" })];
        foreach (var thread in _loops) thread.Start();
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
                if (started != 0 && _time.GetElapsedTime(started) is var running && running > longest) longest = running;
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
        try
        {
            _queue.Add(pending);
        }
        catch (InvalidOperationException)
        {
            throw new ObjectDisposedException(nameof(GroupCommitter<TItem, TResult>));
        }
        return pending.Result.Task;
    }

    private void CommitLoop(int loop)
    {
        var batch = new List<Pending>(_options.MaxBatch);
        foreach (var first in _queue.GetConsumingEnumerable())
        {
            batch.Add(first);
            Fill(batch);
            if (batch.Count < _options.MaxBatch && _options.Linger > TimeSpan.Zero)
            {
                Thread.Sleep(_options.Linger);
                Fill(batch);
            }
            var started = _time.GetTimestamp();
            Volatile.Write(ref _committingSince[loop], started);
            try
            {
                Commit(batch);
            }
            finally
            {
                Volatile.Write(ref _committingSince[loop], 0);
            }
            if (_time.GetElapsedTime(started) is var took && took > _options.StallAfter)
            {
                _logger.LogWarning("A batch of {Count} writes took {Seconds:0.000} s to commit; past {StallAfter} s the store counted as stalled",
                    batch.Count, took.TotalSeconds, _options.StallAfter.TotalSeconds);
            }
            batch.Clear();
        }
    }

    private void Fill(List<Pending> batch)
    {
        while (batch.Count < _options.MaxBatch && _queue.TryTake(out var next)) batch.Add(next);
    }

    private void Commit(List<Pending> batch)
    {
        try
        {
            var results = _commit([.. batch.Select(p => p.Item)]);
            if (results.Count != batch.Count) throw new InvalidOperationException($"A batch of {batch.Count} returned {results.Count} results.");
            for (var i = 0; i < batch.Count; i++) batch[i].Result.TrySetResult(results[i]);
        }
        catch (Exception ex)
        {
            _logger.LogWarning(ex, "A batch of {Count} writes failed; each of its callers gets the error", batch.Count);
            foreach (var pending in batch) pending.Result.TrySetException(ex);
        }
    }

    /// <summary>Commits what was submitted (waiting up to 10 s), then cancels what is left.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.CompleteAdding();
        var ended = await Task.Run(() => _loops.All(t => t.Join(TimeSpan.FromSeconds(10))));
        if (!ended) _logger.LogWarning("Batches still committing after 10 s at shutdown; their callers are cancelled");
        while (_queue.TryTake(out var left)) left.Result.TrySetCanceled();
        if (ended) _queue.Dispose();
    }

    private sealed record Pending(TItem Item, TaskCompletionSource<TResult> Result);
}
