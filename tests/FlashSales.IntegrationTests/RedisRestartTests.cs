using StackExchange.Redis;

namespace FlashSales.IntegrationTests;

/// <summary>Redis restarted with its data lost: the counters come back from MySQL, and orders go on without oversell.</summary>
[Collection(SystemCollection.Name)]
public sealed class RedisRestartTests(FlashSalesApp system)
{
    private readonly FlashSalesClient _client = system.Client();

    [Fact]
    public async Task After_a_redis_restart_every_counter_is_rebuilt_from_MySQL()
    {
        var product = await _client.CreateProductAsync($"Restart {Guid.NewGuid():N}", 6m, 10);
        var untouched = await _client.CreateProductAsync($"Restart untouched {Guid.NewGuid():N}", 6m, 4);
        await _client.PlaceOrderOkAsync("restarter", (product.Id, 3));

        await RestartRedisAsync();

        // No order touches the second product: its counter is rebuilt all the same.
        using var redis = await ConnectionMultiplexer.ConnectAsync((await system.App.GetConnectionStringAsync("redis"))!);
        await Eventually.Until(async () => (long?)await redis.GetDatabase().StringGetAsync($"fs:available:{untouched.Id}"), units => units == 4,
            TimeSpan.FromSeconds(30), "the untouched product's counter rebuilt");
        Assert.Equal(7, (long?)await redis.GetDatabase().StringGetAsync($"fs:available:{product.Id}"));

        var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => _client.PlaceOrderAsync($"after-restart-{i}", (product.Id, 1))));
        Assert.Equal(7, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.All(responses, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.Conflict }));
    }

    private async Task RestartRedisAsync()
    {
        var notifications = system.App.ResourceNotifications;
        System.Diagnostics.Process.GetProcessById(await ResourceProcesses.PidAsync(system.App, "redis")).Kill();
        await notifications.WaitForResourceAsync("redis", e => e.Snapshot.State?.Text is "Exited" or "Finished" or "FailedToStart");
        var commands = system.App.Services.GetRequiredService<ResourceCommandService>();
        Assert.True((await commands.ExecuteCommandAsync("redis", KnownResourceCommands.StartCommand)).Success);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await notifications.WaitForResourceHealthyAsync("redis", timeout.Token);
    }
}
