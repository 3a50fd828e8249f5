using Aspire.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace FlashSales.IntegrationTests;

/// <summary>
/// The whole system started once for the test collection, in local infrastructure mode with its own data folder,
/// and torn down (processes and data) afterwards. Every wait has a timeout.
/// </summary>
public class FlashSalesApp : IAsyncLifetime
{
    /// <summary>Reservation:Strategy the product service runs with.</summary>
    protected virtual string Strategy => "atomic";

    /// <summary>Short, so expiry can be watched, yet longer than any other test needs to pay or to finish a stampede.</summary>
    public static readonly TimeSpan ReservationTtl = TimeSpan.FromSeconds(20);

    /// <summary>How long after a lease's end the product service releases it: short, so lease expiry can be watched.</summary>
    public static readonly TimeSpan LeaseGrace = TimeSpan.FromSeconds(3);

    /// <summary>How many shoppers one product's waitlist holds: small, so that a test can fill one.</summary>
    public const int WaitlistLength = 30;

    /// <summary>How long a payment may stay Pending before the payment service asks the processor about it: short, so it can be watched.</summary>
    public static readonly TimeSpan ResolvePendingAfter = TimeSpan.FromSeconds(5);

    /// <summary>The seeded admin's password (the AppHost's admin-password parameter).</summary>
    public string AdminPassword { get; private set; } = "";

    /// <summary>The key access tokens are signed with (the AppHost's jwt-signing-key parameter), for tokens the tests make.</summary>
    public string JwtSigningKey { get; private set; } = "";

    /// <summary>The key service credentials are signed with (the AppHost's service-signing-key parameter).</summary>
    public string ServiceSigningKey { get; private set; } = "";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), $"flashsales-tests-{Guid.NewGuid():N}");
    private DistributedApplication? _app;

    public static readonly string[] Resources = ["mysql", "productdb", "orderdb", "paymentdb", "identitydb", "redis", "kafka", "identity", "product",
        "order", "payment", "gateway"];

    public DistributedApplication App => _app ?? throw new InvalidOperationException("The app has not started.");

    public HttpClient Gateway { get; private set; } = null!;

    public TimeSpan StartupTime { get; private set; }

    public async ValueTask InitializeAsync()
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.FlashSales_AppHost>(
        [
            "Infrastructure:Mode=local",
            $"Infrastructure:DataDirectory={_dataDirectory}",
            "Services:OrderReplicas=2",
            $"Reservation:Strategy={Strategy}",
            $"Orders:ReservationTtl={ReservationTtl}",
            $"Waitlist:MaxLength={WaitlistLength}",
            $"Reservation:LeaseGrace={LeaseGrace}",
            $"Payment:ResolvePendingAfter={ResolvePendingAfter}",
            "Payment:ResolveInterval=00:00:01",
            // Six times the resolver's window: the slow card's charge lands well after the resolver settled its key.
            "Payment:Simulator:SlowCardLatency=00:00:30",
            "Reservation:ReconcileInterval=00:00:01",
            "Reservation:ReconcileSettle=00:00:00.500",
            // Test users are throwaway: a cheaper hash keeps registering hundreds of them fast (production: 100,000).
            "Identity:PasswordHashIterations=1000",
            // The suite's many users come from one address and some tests race one user's orders on purpose: the
            // gateway's limits are proven by RateLimitTests on a gateway of their own, not here.
            "RateLimits:OrdersInFlightPerUser=1000",
            "RateLimits:PerUser:TokenLimit=100000",
            "RateLimits:PerUser:TokensPerPeriod=100000",
            "RateLimits:PerIp:TokenLimit=100000",
            "RateLimits:PerIp:TokensPerPeriod=100000",
            "RateLimits:SignInPerIp:TokenLimit=100000",
            "RateLimits:SignInPerIp:TokensPerPeriod=100000",
            // Aspire's proxy deals each new connection to a replica of its choosing: with a connection a second, the
            // gateway reaches every order replica within seconds (GatewayTests), not only after several 10 s renewals.
            "Gateway:ConnectionLifetime=00:00:01",
        ]);
        builder.Services.AddLogging(l => l.ToConsoleAndFile($"apphost-{Strategy}"));
        _app = await builder.BuildAsync();

        using var timeout = new CancellationTokenSource(StartTimeout);
        await _app.StartAsync(timeout.Token);
        try
        {
            await Task.WhenAll(Resources.Select(r => _app.ResourceNotifications.WaitForResourceHealthyAsync(r, timeout.Token)));
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"Not all resources became healthy within {StartTimeout}: {await DescribeStatesAsync()}");
        }

        StartupTime = started.Elapsed;
        Gateway = _app.CreateHttpClient("gateway");
        Gateway.Timeout = TimeSpan.FromSeconds(60);
        AdminPassword = await ParameterAsync("admin-password");
        JwtSigningKey = await ParameterAsync("jwt-signing-key");
        ServiceSigningKey = await ParameterAsync("service-signing-key");
    }

    public async Task<string> ParameterAsync(string name) =>
        (await App.Services.GetRequiredService<DistributedApplicationModel>().Resources.OfType<ParameterResource>()
            .Single(p => p.Name == name).GetValueAsync(default))!;

    /// <summary>
    /// A service's database as the tests inspect it: through root, who may also see lock waits (PROCESS) and add
    /// fault triggers; the service's own user has rights on its database only.
    /// </summary>
    public async Task<string> DatabaseAsync(string database) =>
        new MySqlConnector.MySqlConnectionStringBuilder((await App.GetConnectionStringAsync("mysql"))!) { Database = database }.ConnectionString;

    public async Task<string> KafkaBootstrapServersAsync() => (await App.GetConnectionStringAsync("kafka"))!;

    public FlashSalesClient Client() => new(Gateway, AdminPassword);

    private async Task<string> DescribeStatesAsync()
    {
        var states = new List<string>();
        foreach (var name in Resources)
        {
            using var quick = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            try
            {
                var e = await App.ResourceNotifications.WaitForResourceAsync(name, _ => true, quick.Token);
                states.Add($"{name}={e.Snapshot.State?.Text}/{e.Snapshot.HealthStatus}");
            }
            catch (OperationCanceledException)
            {
                states.Add($"{name}=?");
            }
        }
        return string.Join(", ", states);
    }

    public async ValueTask DisposeAsync()
    {
        Gateway?.Dispose();
        if (_app is not null)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try { await _app.StopAsync(timeout.Token); } catch (OperationCanceledException) { }
            await _app.DisposeAsync();
        }
        try { Directory.Delete(_dataDirectory, recursive: true); } catch (IOException) { }
    }
}

/// <summary>The same system with the product service on the lock strategy.</summary>
public sealed class FlashSalesLockApp : FlashSalesApp
{
    protected override string Strategy => "lock";
}

[CollectionDefinition(Name)]
public sealed class SystemCollection : ICollectionFixture<FlashSalesApp>
{
    public const string Name = "system";
}

[CollectionDefinition(Name)]
public sealed class LockSystemCollection : ICollectionFixture<FlashSalesLockApp>
{
    public const string Name = "system-lock";
}
