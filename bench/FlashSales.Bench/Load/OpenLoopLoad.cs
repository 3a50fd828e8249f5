namespace FlashSales.Bench.Load;

/// <summary>
/// Orders arrive at a fixed rate whatever the server does. Latency counts from each request's scheduled start, so a
/// server that stalls cannot hide its queue (no coordinated omission). Arrivals take the signed-in shoppers in turn,
/// so one shopper's orders are a pool's length apart.
/// </summary>
public sealed class OpenLoopLoad(ShopClient shop, RunRecorder recorder, ProductPicker products, IReadOnlyList<Shopper> shoppers, double payShare)
{
    /// <summary>Requests not yet answered beyond which the generator counts new arrivals as errors rather than queueing without end.</summary>
    private const int MaxOutstanding = 50_000;

    private int _outstanding;

    public int Outstanding => Volatile.Read(ref _outstanding);

    public async Task RunAsync(int ratePerSecond, TimeSpan duration, CancellationToken abort)
    {
        var start = Stopwatch.GetTimestamp();
        var ticksPerArrival = Stopwatch.Frequency / (double)ratePerSecond;
        var total = (long)(ratePerSecond * duration.TotalSeconds);
        var requests = new List<Task>();
        long sent = 0;
        try
        {
            while (sent < total && !abort.IsCancellationRequested)
            {
                var due = Math.Min(total, (long)((Stopwatch.GetTimestamp() - start) / ticksPerArrival) + 1);
                for (; sent < due; sent++)
                {
                    var intended = start + (long)(sent * ticksPerArrival);
                    if (Volatile.Read(ref _outstanding) >= MaxOutstanding)
                    {
                        recorder.Record(Outcome.SocketError, intended);
                        continue;
                    }
                    Interlocked.Increment(ref _outstanding);
                    requests.Add(OrderAsync(shoppers[(int)(sent % shoppers.Count)], intended, abort));
                }
                await Task.Delay(1, abort);
            }
        }
        catch (OperationCanceledException) when (abort.IsCancellationRequested)
        {
        }
        await Task.WhenAll(requests);
    }

    private async Task OrderAsync(Shopper shopper, long intended, CancellationToken ct)
    {
        try
        {
            var answer = await shop.PlaceOrderAsync(shopper, products.Next(), ct);
            recorder.Record(answer.Outcome, intended, answer.OrderId);
            if (answer.OrderId is { } orderId && Random.Shared.NextDouble() < payShare)
            {
                recorder.RecordPayment(await shop.PayAsync(shopper, orderId, ct));
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        finally
        {
            Interlocked.Decrement(ref _outstanding);
        }
    }
}
