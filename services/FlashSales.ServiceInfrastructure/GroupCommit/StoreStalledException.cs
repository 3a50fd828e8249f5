namespace FlashSales.ServiceInfrastructure.GroupCommit;

/// <summary>
/// A write refused before it was queued, because a commit has been waiting on the database for longer than
/// <see cref="GroupCommitOptions.StallAfter"/>: nothing of it was done, so the caller can say so and be retried.
/// </summary>
public sealed class StoreStalledException(TimeSpan waiting)
    : TimeoutException($"The database has not finished a commit for {waiting.TotalSeconds:0.0} s; nothing was written.");
