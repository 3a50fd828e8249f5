namespace FlashSales.IntegrationTests;

internal static class Eventually
{
    /// <summary>Polls until <paramref name="read"/> returns a value that satisfies <paramref name="done"/>, or fails after the timeout.</summary>
    public static async Task<T> Until<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        T last;
        do
        {
            last = await read();
            if (done(last)) return last;
            await Task.Delay(100);
        } while (DateTime.UtcNow < deadline);
        throw new TimeoutException($"{what} did not happen within {timeout}; last seen: {last}");
    }
}
