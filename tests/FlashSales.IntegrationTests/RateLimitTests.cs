using System.Net.Http.Headers;
using FlashSales.Gateway.RateLimiting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace FlashSales.IntegrationTests;

/// <summary>
/// The gateway's limits with their production defaults (or tighter), on a gateway of the test's own, in-process, in
/// front of the system's real services: the shared gateway runs with limits raised for the suite's single address.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class RateLimitTests(FlashSalesApp system)
{
    private readonly FlashSalesClient _client = system.Client();

    [Fact]
    public async Task A_user_past_their_token_bucket_gets_429_with_Retry_After()
    {
        await using var gateway = Gateway(("PerUser:TokenLimit", "3"), ("PerUser:TokensPerPeriod", "1"), ("PerUser:Period", "00:01:00"));
        using var http = gateway.CreateClient();
        var bearer = new AuthenticationHeaderValue("Bearer", (await _client.UserAsync("eager")).AccessToken);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/orders") { Headers = { Authorization = bearer } };
            using var response = await http.SendAsync(request);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests) await AssertRetryAfterProblemAsync(response);
        }
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests],
            statuses);

        // Another user has a bucket of their own.
        using var other = new HttpRequestMessage(HttpMethod.Get, "/api/orders")
        {
            Headers = { Authorization = new AuthenticationHeaderValue("Bearer", (await _client.UserAsync("patient")).AccessToken) },
        };
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(other)).StatusCode);
    }

    [Fact]
    public async Task A_user_has_one_order_in_flight_at_a_time()
    {
        await using var gateway = Gateway(); // the default: one order in flight per user
        using var http = gateway.CreateClient();
        var product = await _client.CreateProductAsync($"Bot target {Guid.NewGuid():N}", 5m, 100);
        var bearer = new AuthenticationHeaderValue("Bearer", (await _client.UserAsync("bot")).AccessToken);

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/orders")
            {
                Content = JsonContent.Create(new { items = new[] { new { productId = product.Id, quantity = 1 } } }),
                Headers = { Authorization = bearer },
            };
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
            return http.SendAsync(request);
        }));

        var placed = responses.Count(r => r.StatusCode == HttpStatusCode.Created);
        var limited = responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.Equal(10, placed + limited.Count);
        Assert.InRange(placed, 1, 9);
        foreach (var response in limited) await AssertRetryAfterProblemAsync(response);
        Assert.Equal(100 - placed, (await _client.GetProductAsync(product.Id)).Available);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Sign_in_attempts_are_limited_per_address_whatever_token_is_sent(bool withToken)
    {
        await using var gateway = Gateway(("SignInPerIp:TokenLimit", "3"), ("SignInPerIp:TokensPerPeriod", "1"), ("SignInPerIp:Period", "00:01:00"));
        using var http = gateway.CreateClient();
        var token = withToken ? new AuthenticationHeaderValue("Bearer", (await _client.UserAsync("token-holder")).AccessToken) : null;
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/identity/token")
            {
                Content = JsonContent.Create(new { userName = $"guess-{i}", password = "Password-guess-1!" }),
                Headers = { Authorization = token },
            };
            using var response = await http.SendAsync(request);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests) await AssertRetryAfterProblemAsync(response);
        }
        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests,
            HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task Past_the_global_concurrency_limit_load_is_shed_with_429_not_queued()
    {
        await using var gateway = Gateway(("GlobalConcurrency", "2"), ("PerIp:TokenLimit", "100000"), ("PerIp:TokensPerPeriod", "100000"));
        using var http = gateway.CreateClient();

        var responses = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => http.GetAsync("/api/products?pageSize=100")));

        Assert.All(responses, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.TooManyRequests }));
        var shed = responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.NotEmpty(shed);
        Assert.Contains(responses, r => r.StatusCode == HttpStatusCode.OK);
        foreach (var response in shed) await AssertRetryAfterProblemAsync(response);
    }

    private static async Task AssertRetryAfterProblemAsync(HttpResponseMessage response)
    {
        Assert.True(response.Headers.RetryAfter?.Delta is { TotalSeconds: >= 1 }, "429 without a Retry-After in seconds");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(429, (await response.Content.ReadFromJsonAsync<ProblemDto>())!.Status);
    }

    private WebApplicationFactory<RateLimitOptions> Gateway(params (string Key, string Value)[] limits) =>
        InProcessGateway.Create(system, [.. limits.Select(l => ($"{RateLimitOptions.Section}:{l.Key}", l.Value))]);
}
