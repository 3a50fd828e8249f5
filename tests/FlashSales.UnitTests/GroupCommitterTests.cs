using System.Diagnostics;
using FlashSales.Ordering.Placement;
using FlashSales.ServiceInfrastructure.GroupCommit;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace FlashSales.UnitTests;

public sealed class GroupCommitterTests
{
    private static GroupCommitOptions Options(int linger = 200, int maxBatch = 100, int concurrent = 1) =>
        new() { Linger = TimeSpan.FromMilliseconds(linger), MaxBatch = maxBatch, MaxConcurrentBatches = concurrent };

    [Fact]
    public async Task Concurrent_items_are_committed_together_and_each_gets_its_own_result()
    {
        var batches = new List<int>();
        await using var committer = new GroupCommitter<int, int>("test", batch =>
        {
            lock (batches) batches.Add(batch.Count);
            return [.. batch.Select(i => i * 10)];
        }, Options(), NullLogger.Instance);

        var results = await Task.WhenAll(Enumerable.Range(1, 30).Select(committer.SubmitAsync));

        Assert.Equal(Enumerable.Range(1, 30).Select(i => i * 10), results);
        Assert.Equal(30, batches.Sum());
        Assert.True(batches.Count <= 2, $"30 concurrent items took {batches.Count} transactions");
    }

    [Fact]
    public async Task No_caller_is_answered_before_its_batch_committed()
    {
        var commitMayFinish = new TaskCompletionSource();
        var committing = new TaskCompletionSource();
        await using var committer = new GroupCommitter<int, bool>("test", batch =>
        {
            committing.TrySetResult();
            commitMayFinish.Task.Wait();
            return [.. batch.Select(_ => true)];
        }, Options(linger: 0), NullLogger.Instance);

        var answers = Enumerable.Range(0, 5).Select(committer.SubmitAsync).ToList();
        await committing.Task.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        await Task.Delay(100, TestContext.Current.CancellationToken);
        Assert.All(answers, a => Assert.False(a.IsCompleted));

        commitMayFinish.SetResult();
        Assert.All(await Task.WhenAll(answers), Assert.True);
    }

    [Fact]
    public async Task A_failed_commit_fails_every_caller_of_its_batch()
    {
        await using var committer = new GroupCommitter<int, int>(
            "test", _ => throw new InvalidOperationException("injected"), Options(), NullLogger.Instance);

        var answers = Enumerable.Range(0, 8).Select(committer.SubmitAsync).ToList();

        foreach (var answer in answers) await Assert.ThrowsAsync<InvalidOperationException>(() => answer);
    }

    [Fact]
    public async Task A_batch_never_exceeds_its_maximum()
    {
        var largest = 0;
        await using var committer = new GroupCommitter<int, int>("test", batch =>
        {
            InterlockedMax(ref largest, batch.Count);
            return [.. batch];
        }, Options(maxBatch: 7, concurrent: 3), NullLogger.Instance);

        await Task.WhenAll(Enumerable.Range(0, 100).Select(committer.SubmitAsync));

        Assert.InRange(largest, 1, 7);
    }

    [Fact]
    public async Task While_a_commit_is_stuck_new_items_are_refused_at_once_and_accepted_again_once_it_ends()
    {
        var time = new FakeTimeProvider();
        var databaseAnswers = new TaskCompletionSource();
        var committing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var committed = new List<int>();
        var options = Options(linger: 0, concurrent: 2);
        options.StallAfter = TimeSpan.FromMilliseconds(200);
        await using var committer = new GroupCommitter<int, int>("test", batch =>
        {
            committing.TrySetResult();
            databaseAnswers.Task.Wait();
            lock (committed) committed.AddRange(batch);
            return [.. batch];
        }, options, NullLogger.Instance, time);

        var stuck = committer.SubmitAsync(1);
        var queued = committer.SubmitAsync(2);
        await committing.Task.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        Assert.False(committer.IsStalled);
        time.Advance(TimeSpan.FromMilliseconds(400));

        Assert.True(committer.IsStalled);
        // Refused as it is submitted, not later through its task: nothing of it is queued.
        Assert.IsType<StoreStalledException>(Record.Exception(() => { _ = committer.SubmitAsync(3); }));

        databaseAnswers.SetResult();
        Assert.Equal(1, await stuck);
        Assert.Equal(2, await queued);
        // The commit threads clear their marks just after answering their callers.
        Assert.True(SpinWait.SpinUntil(() => !committer.IsStalled, TimeSpan.FromSeconds(5)), "the store still counted as stalled");
        Assert.Equal(4, await committer.SubmitAsync(4));
        lock (committed) Assert.DoesNotContain(3, committed);
    }

    [Fact]
    public async Task A_commit_does_not_wait_behind_a_busy_thread_pool()
    {
        // Every thread-pool thread is kept busy, as requests keep it under a stampede. A commit of four round trips
        // (sleeps standing in for the database's answers) must still finish in milliseconds and never count as a stall:
        // a commit that resumed through the pool's queue would wait for all of that work first.
        var committed = new ManualResetEventSlim();
        var options = Options(linger: 0);
        options.StallAfter = TimeSpan.FromMilliseconds(500);
        await using var committer = new GroupCommitter<int, int>("test", batch =>
        {
            for (var roundTrip = 0; roundTrip < 4; roundTrip++) Thread.Sleep(5);
            committed.Set();
            return [.. batch];
        }, options, NullLogger.Instance);
        using var poolBusy = new CancellationTokenSource();
        try
        {
            ThreadPool.GetMinThreads(out var workers, out _);
            for (var i = 0; i < workers * 8; i++)
            {
                ThreadPool.UnsafeQueueUserWorkItem(_ => { while (!poolBusy.IsCancellationRequested) Thread.SpinWait(1000); }, null);
            }

            var started = Stopwatch.StartNew();
            _ = committer.SubmitAsync(1);

            Assert.True(committed.Wait(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken),
                "the commit waited behind the thread pool's work");
            Assert.InRange(started.Elapsed, TimeSpan.Zero, options.StallAfter);
            Assert.False(committer.IsStalled);
        }
        finally
        {
            await poolBusy.CancelAsync();
        }
    }

    [Fact]
    public async Task A_caller_not_answered_in_time_learns_so_while_the_work_goes_on()
    {
        var finish = new TaskCompletionSource<int>();
        var (answered, _) = await finish.Task.WaitUpToAsync(TimeSpan.FromMilliseconds(50));
        Assert.False(answered);

        finish.SetResult(7);
        Assert.Equal((true, 7), await finish.Task.WaitUpToAsync(TimeSpan.FromMilliseconds(50)));
        var failed = Task.FromException<int>(new StoreStalledException(TimeSpan.FromSeconds(1)));
        await Assert.ThrowsAsync<StoreStalledException>(() => failed.WaitUpToAsync(TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void An_order_id_follows_from_user_and_key_alone()
    {
        Assert.Equal(OrderIds.For("alice", "k1"), OrderIds.For("alice", "k1"));
        Assert.NotEqual(OrderIds.For("alice", "k1"), OrderIds.For("alice", "k2"));
        Assert.NotEqual(OrderIds.For("alice", "k1"), OrderIds.For("bob", "k1"));
        // The user id's length is part of the name: "a:b" + "c" is not "a" + "b:c".
        Assert.NotEqual(OrderIds.For("a:b", "c"), OrderIds.For("a", "b:c"));
        Assert.Equal(8, OrderIds.For("alice", "k1").Version);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen) { }
    }
}
