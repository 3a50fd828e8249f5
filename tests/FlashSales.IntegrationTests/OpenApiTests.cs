using System.Text.Json.Nodes;

namespace FlashSales.IntegrationTests;

/// <summary>Each service's OpenAPI document carries its endpoints' XML doc comments, and paying takes the request's own parameters only.</summary>
[Collection(SystemCollection.Name)]
public sealed class OpenApiTests(FlashSalesApp system)
{
    [Theory]
    [InlineData("payment", "/api/payments", "post", "Pays a Pending, unexpired order.")]
    [InlineData("order", "/api/orders", "post", "Reserves every item (all or none) and records a Pending order")]
    public async Task An_endpoint_is_described_by_its_doc_comment(string service, string path, string method, string summary)
    {
        using var client = system.App.CreateHttpClient(service, "http");
        var document = JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json"))!;
        var operation = document["paths"]![path]![method]!;

        Assert.Contains(summary, $"{operation["summary"]} {operation["description"]}");
    }

    [Fact]
    public async Task Paying_asks_only_for_the_request_its_key_and_no_services()
    {
        using var client = system.App.CreateHttpClient("payment", "http");
        var document = JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json"))!;
        var parameters = document["paths"]!["/api/payments"]!["post"]!["parameters"]?.AsArray().Select(p => p!["name"]!.GetValue<string>()) ?? [];

        Assert.Equal(["Idempotency-Key"], parameters);
    }
}
