namespace FlashSales.ServiceInfrastructure.GroupCommit;

public static class AnswerDeadline
{
    /// <summary>
    /// Waits up to <paramref name="limit"/> for the task. Not answered in time, it carries on by itself (whatever
    /// follows its end still runs) and the caller learns only that its outcome is not known yet.
    /// </summary>
    public static async Task<(bool Answered, T Result)> WaitUpToAsync<T>(this Task<T> task, TimeSpan limit)
    {
        try
        {
            return (true, await task.WaitAsync(limit));
        }
        catch (TimeoutException) when (!task.IsCompleted)
        {
            return (false, default!);
        }
    }
}
