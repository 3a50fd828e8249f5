namespace FlashSales.ServiceInfrastructure.GroupCommit;

public sealed class GroupCommitOptions
{
    /// <summary>The most items one transaction takes.</summary>
    public int MaxBatch { get; set; } = 100;

    /// <summary>How long a batch that is not full waits for more items before it commits.</summary>
    public TimeSpan Linger { get; set; } = TimeSpan.FromMilliseconds(1);

    /// <summary>Batches committed at once: while some commit, the next fill up.</summary>
    public int MaxConcurrentBatches { get; set; } = 4;
}
