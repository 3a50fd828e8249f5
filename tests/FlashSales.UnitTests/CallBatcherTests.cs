using FlashSales.ServiceInfrastructure.Batching;

namespace FlashSales.UnitTests;

public sealed class CallBatcherTests
{
    [Fact]
    public async Task A_lone_call_leaves_at_once_alone()
    {
        var batches = new List<int>();
        await using var batcher = new CallBatcher<int, int>(batch =>
        {
            lock (batches) batches.Add(batch.Count);
            return Task.FromResult<IReadOnlyList<int>>([.. batch.Select(i => i * 10)]);
        }, maxBatch: 100, maxInFlight: 1, holdSlotAtMost: TimeSpan.FromMinutes(1));

        Assert.Equal(70, await batcher.CallAsync(7).WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken));
        Assert.Equal([1], batches);
    }

    [Fact]
    public async Task Calls_made_while_every_slot_is_busy_leave_together_and_each_gets_its_own_answer()
    {
        var first = new TaskCompletionSource<IReadOnlyList<int>>(TaskCreationOptions.RunContinuationsAsynchronously);
        var sent = new List<int[]>();
        var firstSent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var batcher = new CallBatcher<int, int>(batch =>
        {
            lock (sent) sent.Add([.. batch]);
            if (firstSent.TrySetResult()) return first.Task;
            return Task.FromResult<IReadOnlyList<int>>([.. batch.Select(i => i * 10)]);
        }, maxBatch: 100, maxInFlight: 1, holdSlotAtMost: TimeSpan.FromMinutes(1));

        var lone = batcher.CallAsync(0);
        await firstSent.Task.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        var waiting = Enumerable.Range(1, 30).Select(batcher.CallAsync).ToList();
        await Task.Delay(50, TestContext.Current.CancellationToken);
        Assert.All(waiting, w => Assert.False(w.IsCompleted));

        first.SetResult([-1]);
        Assert.Equal(Enumerable.Range(1, 30).Select(i => i * 10),
            await Task.WhenAll(waiting).WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken));
        Assert.Equal(-1, await lone);
        Assert.Equal(2, sent.Count);
        Assert.Equal(Enumerable.Range(1, 30), sent[1]);
    }

    [Fact]
    public async Task A_batch_held_up_gives_its_slot_back_after_the_hold_limit_and_still_answers_its_calls()
    {
        var slow = new TaskCompletionSource<IReadOnlyList<int>>(TaskCreationOptions.RunContinuationsAsynchronously);
        var firstSent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var batcher = new CallBatcher<int, int>(batch =>
            firstSent.TrySetResult() ? slow.Task : Task.FromResult<IReadOnlyList<int>>([.. batch]),
            maxBatch: 100, maxInFlight: 1, holdSlotAtMost: TimeSpan.FromMilliseconds(100));

        var held = batcher.CallAsync(0);
        await firstSent.Task.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        // The only slot is taken by a batch that does not come back: the next call leaves once the hold limit passed.
        Assert.Equal(1, await batcher.CallAsync(1).WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken));
        Assert.False(held.IsCompleted);

        slow.SetResult([-1]);
        Assert.Equal(-1, await held.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_batch_leaves_with_at_most_max_batch_calls()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var sizes = new List<int>();
        await using var batcher = new CallBatcher<int, int>(async batch =>
        {
            lock (sizes) sizes.Add(batch.Count);
            await gate.Task;
            return [.. batch];
        }, maxBatch: 10, maxInFlight: 1, holdSlotAtMost: TimeSpan.FromMinutes(1));

        var calls = Enumerable.Range(0, 35).Select(batcher.CallAsync).ToList();
        gate.SetResult();
        await Task.WhenAll(calls).WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);

        Assert.Equal(35, sizes.Sum());
        Assert.All(sizes, s => Assert.InRange(s, 1, 10));
    }

    [Fact]
    public async Task A_failed_batch_fails_every_call_in_it_and_no_other()
    {
        var failNext = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var firstSent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var batcher = new CallBatcher<int, int>(async batch =>
        {
            if (firstSent.TrySetResult())
            {
                await failNext.Task;
                throw new HttpRequestException("the call failed");
            }
            return [.. batch];
        }, maxBatch: 100, maxInFlight: 1, holdSlotAtMost: TimeSpan.FromMinutes(1));

        var failing = Enumerable.Range(0, 1).Select(batcher.CallAsync).ToList();
        await firstSent.Task.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        var later = Enumerable.Range(1, 5).Select(batcher.CallAsync).ToList();
        failNext.SetResult();

        await Assert.ThrowsAsync<HttpRequestException>(() => failing[0]);
        Assert.Equal(Enumerable.Range(1, 5), await Task.WhenAll(later).WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken));
    }
}
