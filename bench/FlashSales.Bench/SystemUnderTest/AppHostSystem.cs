using FlashSales.Testing;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FlashSales.Bench.SystemUnderTest;

/// <summary>
/// The whole FlashSales AppHost started by the bench: local infrastructure mode, the configuration the bench was built
/// with (Release for measurements), its own data folder, and everything torn down afterwards. With the dashboard it runs
/// as <c>./flashsales run</c> does: every service exports its telemetry to the dashboard, whose CPU is measured too.
/// </summary>
public sealed class AppHostSystem : ISystemUnderTest
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(4);
    private static readonly string[] Resources = ["mysql", "productdb", "orderdb", "paymentdb", "identitydb", "redis", "kafka", "identity", "product",
        "order", "payment", "gateway"];

    /// <summary>
    /// What the bench sets beyond the defaults, named in every report: one load generator is one client address with
    /// thousands of shoppers, each ordering back to back; and its throwaway shoppers' passwords are hashed with fewer
    /// PBKDF2 iterations, so signing in thousands of them before the timed part takes seconds, not minutes.
    /// </summary>
    public static readonly string[] BenchSettings =
    [
        "RateLimits:PerUser:TokenLimit=1000",
        "RateLimits:PerUser:TokensPerPeriod=1000",
        "RateLimits:PerIp:TokenLimit=1000000",
        "RateLimits:PerIp:TokensPerPeriod=1000000",
        "RateLimits:SignInPerIp:TokenLimit=1000000",
        "RateLimits:SignInPerIp:TokensPerPeriod=1000000",
        "RateLimits:GlobalConcurrency=20000",
        "Identity:PasswordHashIterations=1000",
    ];

    private readonly DistributedApplication _app;
    private readonly string _dataDirectory;

    private AppHostSystem(DistributedApplication app, string dataDirectory, string description)
    {
        _app = app;
        _dataDirectory = dataDirectory;
        Description = description;
    }

    public Uri Gateway { get; private set; } = null!;
    public string AdminPassword { get; private set; } = "";
    public string MySqlConnectionString { get; private set; } = "";
    public string RedisConnectionString { get; private set; } = "";
    public string? KafkaBootstrapServers { get; private set; }
    public string Description { get; }
    public TimeSpan StartupTime { get; private set; }

    public FaultInjector Faults => new(_app);

    public static async Task<AppHostSystem> StartAsync(
        string strategy, int orderReplicas, TimeSpan reservationTtl, TimeSpan leaseGrace, bool dashboard, CancellationToken ct,
            IReadOnlyList<string>? settings = null)
    {
        var started = Stopwatch.StartNew();
        var dataDirectory = Path.Combine(Path.GetTempPath(), $"flashsales-bench-{Guid.NewGuid():N}");
        string[] telemetry = dashboard
            ?
            [
                // The dashboard's three endpoints on free ports of loopback, plain HTTP as under ./flashsales run.
                $"ASPNETCORE_URLS=http://127.0.0.1:{FreePort()}",
                $"ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL=http://127.0.0.1:{FreePort()}",
                $"ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL=http://127.0.0.1:{FreePort()}",
                "ASPIRE_ALLOW_UNSECURED_TRANSPORT=true",
            ]
            // No dashboard runs to receive telemetry: the services create (sampled) traces but do not export them.
            : ["Telemetry:Export=false"];
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.FlashSales_AppHost>(
        [
            "Infrastructure:Mode=local",
            $"Infrastructure:DataDirectory={dataDirectory}",
            $"Services:OrderReplicas={orderReplicas}",
            $"Reservation:Strategy={strategy}",
            $"Orders:ReservationTtl={reservationTtl}",
            $"Reservation:LeaseGrace={leaseGrace}",
            .. telemetry,
            .. BenchSettings,
            .. settings ?? [],
        ], (options, _) =>
        {
            options.DisableDashboard = !dashboard;
            options.AllowUnsecuredTransport = dashboard;
        }, ct);
        // The AppHost forwards every resource's console output as log lines; the bench keeps its console for results
        // (and its CPU for the load), so only the AppHost's own warnings are shown.
        builder.Services.AddLogging(l => l.KeepConsoleForResults());
        var app = await builder.BuildAsync(ct);
        var system = new AppHostSystem(app, dataDirectory,
            $"AppHost in local mode ({BuildConfiguration}), strategy {strategy}, {orderReplicas} order replica(s), " +
            $"reservation TTL {reservationTtl.TotalSeconds:0} s, {(dashboard ? "with the dashboard receiving all telemetry" : "no dashboard")}; " +
            "gateway limits for one load generator: 1,000 requests/s per shopper, one order in flight per shopper (the default), " +
            "no per-IP limit, 20,000 requests at once; shoppers' passwords hashed with 1,000 PBKDF2 iterations (default 100,000)");
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(StartTimeout);
            await app.StartAsync(timeout.Token);
            var healthy = Resources.ToDictionary(r => r, r => app.ResourceNotifications.WaitForResourceHealthyAsync(r, timeout.Token));
            try
            {
                await Task.WhenAll(healthy.Values);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                var waiting = healthy.Where(h => !h.Value.IsCompletedSuccessfully).Select(h => h.Key);
                throw new TimeoutException($"Not healthy within {StartTimeout}: {string.Join(", ", waiting)}");
            }

            system.Gateway = app.GetEndpoint("gateway", "http");
            system.MySqlConnectionString = (await app.GetConnectionStringAsync("mysql", ct))!;
            system.RedisConnectionString = (await app.GetConnectionStringAsync("redis", ct))!;
            system.KafkaBootstrapServers = await app.GetConnectionStringAsync("kafka", ct);
            var adminPassword = app.Services.GetRequiredService<DistributedApplicationModel>().Resources
                .OfType<ParameterResource>().Single(p => p.Name == "admin-password");
            system.AdminPassword = (await adminPassword.GetValueAsync(ct))!;
            system.StartupTime = started.Elapsed;
            return system;
        }
        catch
        {
            await system.DisposeAsync();
            throw;
        }
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
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
