namespace FlashSales.IntegrationTests;

[Collection(SystemCollection.Name)]
public sealed class FoundationTests(FlashSalesApp system, ITestOutputHelper output)
{
    [Fact]
    public async Task Every_resource_is_healthy()
    {
        output.WriteLine($"All resources healthy {system.StartupTime.TotalSeconds:F1} s after start");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        foreach (var name in FlashSalesApp.Resources)
        {
            var e = await system.App.ResourceNotifications.WaitForResourceAsync(name, _ => true, timeout.Token);
            Assert.Equal(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy, e.Snapshot.HealthStatus);
        }
    }
}
