using System.Collections.Concurrent;
using System.Net.Http.Headers;
using CsCheck;
using MySqlConnector;

namespace FlashSales.IntegrationTests;

/// <summary>
/// Over a thousand generated malformed and hostile requests through the gateway: every one is refused with a 4xx
/// ProblemDetails (never a 5xx), and none of them changes what the databases hold.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class HostileInputTests(FlashSalesApp system)
{
    private const int Requests = 1200;
    private readonly FlashSalesClient _client = system.Client();

    [Fact]
    public async Task Generated_hostile_requests_get_4xx_problems_and_change_nothing()
    {
        var targets = await TargetsAsync();
        var before = await SnapshotAsync(targets);
        var kinds = new ConcurrentDictionary<string, int>();
        var statuses = new ConcurrentDictionary<int, int>();

        await HostileRequests.Any(targets).SampleAsync(async hostile =>
        {
            using var response = await SendAsync(hostile);
            if (hostile.Body is { Length: > 64 * 1024 }) Assert.Equal("close", response.Headers.Connection.SingleOrDefault());
            var status = (int)response.StatusCode;
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(status is >= 400 and < 500, $"{hostile} answered {status}: {body}");
            Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json",
                $"{hostile} answered {status} as {response.Content.Headers.ContentType?.MediaType}: {body}");
            kinds.AddOrUpdate(hostile.Kind, 1, (_, n) => n + 1);
            statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
        }, iter: Requests, threads: 4);

        Assert.Equal(Requests, kinds.Values.Sum());
        Assert.All(Kinds, kind => Assert.True(kinds.ContainsKey(kind), $"no '{kind}' request was generated"));
        Assert.Equal(before, await SnapshotAsync(targets));
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{Requests} hostile requests; kinds: {string.Join(", ", kinds.OrderBy(k => k.Key).Select(k => $"{k.Key} {k.Value}"))}; " +
            $"statuses: {string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key} x{s.Value}"))}");
    }

    private static readonly string[] Kinds =
    [
        "order body", "bad token", "another user's order", "unknown order", "no Idempotency-Key", "not JSON", "payment body",
        "another user's payment", "overflowing page", "bad filter", "catalogue write without admin", "bad product (admin)",
        "bad stock (admin)", "bad seed (admin)", "bad registration", "bad user name", "taken user name", "sign-in of nobody",
        "bad refresh token", "unknown route", "wrong method", "oversize body",
    ];

    private async Task<HttpResponseMessage> SendAsync(HostileRequest hostile)
    {
        var request = new HttpRequestMessage(hostile.Method, hostile.Path);
        if (hostile.Body is not null) request.Content = new StringContent(hostile.Body, System.Text.Encoding.UTF8, hostile.ContentType);
        if (hostile.Token is not null) request.Headers.TryAddWithoutValidation("Authorization", $"Bearer {hostile.Token}");
        if (hostile.IdempotencyKey) request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        if (hostile.Body is not { Length: > 64 * 1024 }) return await system.Gateway.SendAsync(request);

        // As a well-behaved client with a large body does: the 413 comes before the body is sent, not a reset after.
        // On a connection of its own: the refused body leaves that connection unusable (the gateway closes it).
        request.Headers.ExpectContinue = true;
        using var oneOff = system.App.CreateHttpClient("gateway");
        var response = await oneOff.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    /// <summary>A product, and another user's paid order (final: nothing in the background changes it) to aim at.</summary>
    private async Task<HostileTargets> TargetsAsync()
    {
        var product = await _client.CreateProductAsync($"Target {Guid.NewGuid():N}", 10m, 50);
        var order = await _client.PlaceOrderOkAsync("hostile-victim", (product.Id, 1));
        var payment = await _client.PayOkAsync(order.Id, "4242424242424242");
        await _client.WaitForOrderStatusAsync(order.Id, "Completed");
        await _client.WaitForProductAsync(product.Id, p => p.Stock == 49, "the paid unit confirmed");
        var attacker = await _client.UserAsync("hostile-attacker");
        return new HostileTargets(
            attacker.AccessToken,
            await _client.AdminTokenAsync(),
            TestTokens.User(system.JwtSigningKey, attacker.UserId, DateTime.UtcNow.AddMinutes(-10)),
            TestTokens.User("not-the-signing-key-of-this-system-0123456789abcdef", attacker.UserId),
            product.Id, order.Id, payment.Id);
    }

    /// <summary>
    /// Row counts of everything a request could add (products, orders, payments, users, refresh tokens), and the rows
    /// the requests aim at, whole.
    /// </summary>
    private async Task<string> SnapshotAsync(HostileTargets t)
    {
        await using var root = new MySqlConnection((await system.App.GetConnectionStringAsync("mysql"))!);
        await root.OpenAsync();
        var sql = $"""
            SELECT CONCAT_WS('|',
              (SELECT COUNT(*) FROM productdb.products),
              (SELECT COUNT(*) FROM orderdb.orders), (SELECT COUNT(*) FROM orderdb.order_lines),
              (SELECT COUNT(*) FROM paymentdb.payments),
              (SELECT COUNT(*) FROM identitydb.AspNetUsers), (SELECT COUNT(*) FROM identitydb.refresh_tokens),
              (SELECT CONCAT_WS(',', Name, Price, Stock, Reserved, Version, UpdatedAt, DeletedAt) FROM productdb.products WHERE Id = '{t.ProductId}'),
              (SELECT CONCAT_WS(',', Status, UpdatedAt, UserId) FROM orderdb.orders WHERE Id = '{t.OthersOrderId}'),
              (SELECT CONCAT_WS(',', Status, UpdatedAt, UserId) FROM paymentdb.payments WHERE Id = '{t.OthersPaymentId}'))
            """;
        return (string)(await new MySqlCommand(sql, root).ExecuteScalarAsync())!;
    }
}
