namespace FlashSales.ServiceInfrastructure.GroupCommit;

public sealed class GroupCommitOptions
{
    /// <summary>The most items one transaction takes.</summary>
    public int MaxBatch { get; set; } = 100;

    /// <summary>How long a batch that is not full waits for more items before it commits.</summary>
    public TimeSpan Linger { get; set; } = TimeSpan.FromMilliseconds(1);

    /// <summary>Batches committed at once: while some commit, the next fill up.</summary>
    public int MaxConcurrentBatches { get; set; } = 4;

    /// <summary>
    /// A batch still committing after this long means the database has stopped answering: new items are refused at
    /// once (<see cref="StoreStalledException"/>) instead of queueing behind it, until it answers again.
    /// </summary>
    public TimeSpan StallAfter { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a caller waits for its item's commit before it answers "not confirmed in time" (the commit itself goes
    /// on, and what follows it still happens).
    /// </summary>
    public TimeSpan AnswerWithin { get; set; } = TimeSpan.FromSeconds(2);
}
