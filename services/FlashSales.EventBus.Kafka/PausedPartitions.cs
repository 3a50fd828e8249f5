using Confluent.Kafka;

namespace FlashSales.EventBus.Kafka;

/// <summary>
/// Partitions whose next event failed and waits for its dependency: each is paused, rewound to that event, and resumed
/// after a back-off that doubles (from one second to <c>maxPause</c>) while the event keeps failing, so the other
/// partitions keep moving and the failing one is tried again until it succeeds. Used by the consume loop's thread only.
/// </summary>
internal sealed class PausedPartitions(TimeSpan maxPause, TimeProvider time)
{
    private static readonly TimeSpan FirstPause = TimeSpan.FromSeconds(1);

    private readonly Dictionary<TopicPartition, DateTimeOffset> _resumeAt = [];
    private readonly Dictionary<TopicPartition, TimeSpan> _lastPause = [];

    /// <returns>How long the partition stays paused.</returns>
    public TimeSpan Pause(IConsumer<string, string> consumer, TopicPartitionOffset failed)
    {
        var pause = _lastPause.TryGetValue(failed.TopicPartition, out var last)
            ? TimeSpan.FromTicks(Math.Min(last.Ticks * 2, maxPause.Ticks))
            : FirstPause;
        _lastPause[failed.TopicPartition] = pause;
        _resumeAt[failed.TopicPartition] = time.GetUtcNow() + pause;
        consumer.Pause([failed.TopicPartition]);
        // The fetched events behind it are dropped; they are fetched again from here once the partition resumes.
        consumer.Seek(failed);
        return pause;
    }

    /// <summary>The partition's events were all handled: its next failure starts from the shortest pause again.</summary>
    public void Succeeded(TopicPartition partition)
    {
        if (!_resumeAt.ContainsKey(partition)) _lastPause.Remove(partition);
    }

    public void ResumeDue(IConsumer<string, string> consumer)
    {
        if (_resumeAt.Count == 0) return;
        var now = time.GetUtcNow();
        var due = _resumeAt.Where(p => p.Value <= now).Select(p => p.Key).ToList();
        if (due.Count == 0) return;
        foreach (var partition in due) _resumeAt.Remove(partition);
        consumer.Resume(due);
    }

    /// <summary>Partitions given to another member: their new owner starts from the committed offset, unpaused.</summary>
    public void Forget(IEnumerable<TopicPartition> partitions)
    {
        foreach (var partition in partitions)
        {
            _resumeAt.Remove(partition);
            _lastPause.Remove(partition);
        }
    }
}
