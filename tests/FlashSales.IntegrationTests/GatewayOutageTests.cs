namespace FlashSales.IntegrationTests;

/// <summary>A service the gateway cannot reach: the caller is told to come back (503 with Retry-After), never a 502.</summary>
[Collection(SystemCollection.Name)]
public sealed class GatewayOutageTests(FlashSalesApp system)
{
    [Fact]
    public async Task A_service_that_cannot_be_reached_is_a_503_problem_with_Retry_After()
    {
        // Nothing listens on port 9 (discard) here: the identity service is away.
        await using var gateway = InProcessGateway.Create(system, ("services:identity:http:0", "http://127.0.0.1:9"));
        using var http = gateway.CreateClient();

        using var response = await http.PostAsJsonAsync("/api/identity/token", new { userName = "anyone", password = "Password-1!" });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.True(response.Headers.RetryAfter?.Delta is { TotalSeconds: >= 1 }, "503 without a Retry-After in seconds");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
