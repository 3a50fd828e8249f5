using System.Diagnostics;
using FlashSales.ServiceInfrastructure.GroupCommit;
using MySqlConnector;

namespace FlashSales.IntegrationTests;

/// <summary>
/// MariaDB stops answering (SIGSTOP: connections stay open, nothing comes back), then continues: placing an order fails
/// fast with 503 ProblemDetails and takes nothing, and the system recovers by itself.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class DatabaseStallTests(FlashSalesApp system)
{
    /// <summary>How long a caller waits for its commit before a 503 (the order service runs with the default).</summary>
    private static readonly TimeSpan AnswerWithin = new GroupCommitOptions().AnswerWithin;

    private readonly FlashSalesClient _client = system.Client();

    [Fact]
    public async Task While_MySQL_does_not_answer_orders_fail_fast_with_503_and_hold_nothing_then_it_recovers()
    {
        var product = await _client.CreateProductAsync($"Stall {Guid.NewGuid():N}", 5m, 50);
        await _client.PlaceOrderOkAsync("stall-before", (product.Id, 1));
        // Renamed: the product service drops it from what it holds in process, so its next order must read MySQL.
        var renamed = await _client.CreateProductAsync($"Stall renamed {Guid.NewGuid():N}", 5m, 50);
        using (var rename = await _client.AdminAsync(HttpMethod.Put, $"/api/products/{renamed.Id}",
            new { name = $"Stall renamed again {Guid.NewGuid():N}", price = 5m }))
        {
            Assert.Equal(HttpStatusCode.OK, rename.StatusCode);
        }
        var mariadbd = await ResourceProcesses.PidAsync(system.App, "mysql");
        var caught = Enumerable.Range(0, 5).Select(i => ($"stall-caught-{i}", Guid.NewGuid().ToString())).ToList();
        // Signed in before the stall: sign-in needs the database too.
        await Task.WhenAll(caught.Select(c => _client.UserAsync(c.Item1)).Concat(Enumerable.Range(0,
            10).Select(i => _client.UserAsync($"stall-refused-{i}"))).Append(_client.UserAsync("stall-unread")));

        Assert.True(await ResourceProcesses.SignalAsync(mariadbd, "STOP"));
        try
        {
            // These find their writes stuck: each is answered within the time a caller waits for a commit, not held
            // until the database answers.
            // So does an order for a product the product service must read first: it waits for that read no longer.
            var unread = TimedOrderAsync("stall-unread", Guid.NewGuid().ToString(), renamed.Id);
            var stuck = await Task.WhenAll(caught.Select(c => TimedOrderAsync(c.Item1, c.Item2, product.Id)));
            Assert.All(stuck, s => AssertFastUnavailable(s, AnswerWithin + TimeSpan.FromSeconds(1.5), "store_unavailable", "not_confirmed_in_time"));
            AssertFastUnavailable(await unread, AnswerWithin + TimeSpan.FromSeconds(1.5), "store_unavailable");

            // The stall is known now: every new order is refused at once, before anything is taken (so it never waits
            // for a commit, as the caught ones did).
            var refused = await Task.WhenAll(Enumerable.Range(0,
                10).Select(i => TimedOrderAsync($"stall-refused-{i}", Guid.NewGuid().ToString(), product.Id)));
            Assert.All(refused, s => AssertFastUnavailable(s, AnswerWithin, "store_unavailable"));
        }
        finally
        {
            Assert.True(await ResourceProcesses.SignalAsync(mariadbd, "CONT"));
        }

        var recovered = Stopwatch.StartNew();
        await Eventually.Until(async () => (await _client.PlaceOrderAsync("stall-after", "after-key", (product.Id, 1))).StatusCode,
            status => status == HttpStatusCode.Created, TimeSpan.FromSeconds(10), "an order placed again after the stall");
        Assert.True(recovered.Elapsed < TimeSpan.FromSeconds(10));

        // The caught orders' outcome was unknown: retried with their keys, each is placed exactly once.
        foreach (var (user, key) in caught)
        {
            using var retried = await _client.PlaceOrderAsync(user, key, (product.Id, 1));
            Assert.Equal(HttpStatusCode.Created, retried.StatusCode);
        }

        // Held: the order before, the five caught ones, the one after. The refused ones took nothing, in MySQL or Redis.
        await using var productDb = new MySqlConnection(await system.DatabaseAsync("productdb"));
        await productDb.OpenAsync();
        await using var reserved = new MySqlCommand($"SELECT Reserved FROM products WHERE Id = '{product.Id}'", productDb);
        Assert.Equal(7, Convert.ToInt32(await reserved.ExecuteScalarAsync()));
        Assert.Equal(43, (await _client.GetProductAsync(product.Id)).Available);
        Assert.Equal(50, (await _client.GetProductAsync(renamed.Id)).Available);
    }

    private async Task<(HttpResponseMessage Response, ProblemDto? Problem, TimeSpan Took)> TimedOrderAsync(string user, string key, Guid productId)
    {
        var took = Stopwatch.StartNew();
        var response = await _client.PlaceOrderAsync(user, key, (productId, 1));
        var problem = response.IsSuccessStatusCode ? null : await response.Content.ReadFromJsonAsync<ProblemDto>();
        return (response, problem, took.Elapsed);
    }

    private static void AssertFastUnavailable((HttpResponseMessage Response, ProblemDto? Problem, TimeSpan Took) answer, TimeSpan within,
        params string[] codes)
    {
        Assert.Equal(HttpStatusCode.ServiceUnavailable, answer.Response.StatusCode);
        Assert.Equal("application/problem+json", answer.Response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(answer.Problem!.Code, codes);
        Assert.NotNull(answer.Response.Headers.RetryAfter);
        Assert.True(answer.Took < within,
            $"answered {answer.Problem.Code} after {answer.Took.TotalMilliseconds:0} ms (at most {within.TotalMilliseconds:0} ms)");
    }
}
