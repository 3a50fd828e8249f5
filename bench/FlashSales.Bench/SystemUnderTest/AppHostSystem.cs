using System.Diagnostics;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FlashSales.Bench.SystemUnderTest;

/// <summary>
/// The whole FlashSales AppHost started by the bench: local infrastructure mode, no dashboard, the configuration the
/// bench was built with (Release for measurements), its own data folder, and everything torn down afterwards.
/// </summary>
public sealed class AppHostSystem : ISystemUnderTest
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(4);
    private static readonly string[] Resources = ["mysql", "productdb", "orderdb", "paymentdb", "redis", "kafka", "product", "order", "payment", "gateway"];

    private readonly DistributedApplication _app;
    private readonly string _dataDirectory;

    private AppHostSystem(DistributedApplication app, string dataDirectory, string description)
    {
        _app = app;
        _dataDirectory = dataDirectory;
        Description = description;
    }

    public Uri Gateway { get; private set; } = null!;
    public string AdminKey { get; private set; } = "";
    public string MySqlConnectionString { get; private set; } = "";
    public string RedisConnectionString { get; private set; } = "";
    public string? KafkaBootstrapServers { get; private set; }
    public string Description { get; }
    public TimeSpan StartupTime { get; private set; }

    public FaultInjector Faults => new(_app);

    public static async Task<AppHostSystem> StartAsync(string strategy, int orderReplicas, TimeSpan reservationTtl, TimeSpan leaseGrace, CancellationToken ct)
    {
        var started = Stopwatch.StartNew();
        var dataDirectory = Path.Combine(Path.GetTempPath(), $"flashsales-bench-{Guid.NewGuid():N}");
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.FlashSales_AppHost>(
        [
            "Infrastructure:Mode=local",
            $"Infrastructure:DataDirectory={dataDirectory}",
            $"Services:OrderReplicas={orderReplicas}",
            $"Reservation:Strategy={strategy}",
            $"Orders:ReservationTtl={reservationTtl}",
            $"Reservation:LeaseGrace={leaseGrace}",
            // No dashboard runs here to receive telemetry: the services create (sampled) traces but do not export them.
            "Telemetry:Export=false",
        ], ct);
        // The AppHost forwards every resource's console output as log lines; the bench keeps its console for results
        // (and its CPU for the load), so only the AppHost's own warnings are shown.
        builder.Services.AddLogging(l => l
            .AddFilter(null, LogLevel.Warning)
            .AddFilter("FlashSales.AppHost.Resources", LogLevel.None)
            .AddFilter("Aspire.Hosting.Dcp", LogLevel.Error)
            .AddFilter("Microsoft.Hosting.Lifetime", LogLevel.None));
        var app = await builder.BuildAsync(ct);
        var system = new AppHostSystem(app, dataDirectory,
            $"AppHost in local mode ({BuildConfiguration}), strategy {strategy}, {orderReplicas} order replica(s), reservation TTL {reservationTtl.TotalSeconds:0} s");
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(StartTimeout);
            await app.StartAsync(timeout.Token);
            await Task.WhenAll(Resources.Select(r => app.ResourceNotifications.WaitForResourceHealthyAsync(r, timeout.Token)));

            system.Gateway = app.GetEndpoint("gateway", "http");
            system.MySqlConnectionString = (await app.GetConnectionStringAsync("mysql", ct))!;
            system.RedisConnectionString = (await app.GetConnectionStringAsync("redis", ct))!;
            system.KafkaBootstrapServers = await app.GetConnectionStringAsync("kafka", ct);
            var adminKey = app.Services.GetRequiredService<DistributedApplicationModel>().Resources
                .OfType<ParameterResource>().Single(p => p.Name == "admin-key");
            system.AdminKey = (await adminKey.GetValueAsync(ct))!;
            system.StartupTime = started.Elapsed;
            return system;
        }
        catch
        {
            await system.DisposeAsync();
            throw;
        }
    }

    public static string BuildConfiguration =>
#if DEBUG
        "Debug";
#else
        "Release";
#endif

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try { await _app.StopAsync(timeout.Token); } catch (OperationCanceledException) { }
        await _app.DisposeAsync();
        try { Directory.Delete(_dataDirectory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
