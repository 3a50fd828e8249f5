namespace FlashSales.Bench.Load;

/// <summary>
/// Closed-loop virtual users, as in the original nGrinder test: each one places an order, waits for the answer and
/// places the next at once (no think time); a share of accepted orders is then paid. Each virtual user is its own
/// signed-in shopper (one of <c>shoppers</c>, which holds at least the plan's most users), with a fresh Idempotency-Key per order.
/// </summary>
public sealed class ClosedLoopLoad(ShopClient shop, RunRecorder recorder, ProductPicker products, IReadOnlyList<Shopper> shoppers, double payShare)
{
    private int _users;

    public int ActiveUsers => Volatile.Read(ref _users);

    /// <summary>
    /// Runs the plan. At its end (or <paramref name="stopWhen"/>) users stop starting orders and finish the ones under
    /// way, as real shoppers would; only <paramref name="abort"/> drops requests mid-flight (client disconnects).
    /// </summary>
    /// <param name="stopWhen">Checked after each answer: ends the run early (e.g. once enough orders were placed).</param>
    /// <param name="onAnswer">Sees every answer (e.g. to learn when reservations lapse).</param>
    public async Task RunAsync(RampPlan plan, CancellationToken abort, Func<bool>? stopWhen = null, Action<OrderAnswer>? onAnswer = null)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(abort);
        stop.CancelAfter(plan.Duration);
        var users = new List<Task>();
        var clock = Stopwatch.StartNew();
        while (!stop.IsCancellationRequested)
        {
            while (users.Count < plan.UsersAt(clock.Elapsed))
            {
                var shopper = shoppers[users.Count % shoppers.Count];
                users.Add(Task.Run(() => UserAsync(shopper, stopWhen, onAnswer, stop, abort), CancellationToken.None));
            }
            Volatile.Write(ref _users, users.Count);
            try { await Task.Delay(TimeSpan.FromMilliseconds(200), stop.Token); } catch (OperationCanceledException) { }
        }
        await Task.WhenAll(users);
        Volatile.Write(ref _users, 0);
    }

    private async Task UserAsync(Shopper shopper, Func<bool>? stopWhen, Action<OrderAnswer>? onAnswer, CancellationTokenSource stop,
        CancellationToken ct)
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var started = Stopwatch.GetTimestamp();
                var answer = await shop.PlaceOrderAsync(shopper, products.Next(), ct);
                recorder.Record(answer.Outcome, started, answer.OrderId);
                onAnswer?.Invoke(answer);
                if (stopWhen?.Invoke() == true) await stop.CancelAsync();
                if (answer.OrderId is { } orderId && Random.Shared.NextDouble() < payShare)
                {
                    recorder.RecordPayment(await shop.PayAsync(shopper, orderId, ct));
                }
                // A refused connection answers at once; do not spin on a server that is down.
                if (answer.Outcome.IsError()) await Task.Delay(50, ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // the load generator was aborted mid-request: the client went away
        }
    }
}
