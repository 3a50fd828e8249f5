using System.Net.Http.Headers;
using FlashSales.Authentication;
using FlashSales.Catalog.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Time.Testing;
using MySqlConnector;

namespace FlashSales.IntegrationTests;

/// <summary>
/// The product service in-process, on the system's real MariaDB (its own database), Redis and Kafka (its own consumer
/// group), with a clock the test moves. For endpoint rules that depend on time.
/// </summary>
public class ProductServiceHost(FlashSalesApp system) : IAsyncLifetime
{
    private readonly string _database = $"productdb_endpoints_{Guid.NewGuid():N}"[..40];
    private WebApplicationFactory<ProductDbContext>? _factory;

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));

    public const string UserSigningKey = "endpoint-tests-user-signing-key-0123456789abcdef";
    public const string ServiceSigningKey = "endpoint-tests-service-signing-key-0123456789abcdef";

    public HttpClient Client { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var server = (await system.App.GetConnectionStringAsync("mysql"))!;
        var database = new MySqlConnectionStringBuilder(await ServiceMySqlAsync(server)) { Database = _database }.ConnectionString;
        var redis = (await system.App.GetConnectionStringAsync("redis"))!;
        var kafka = (await system.App.GetConnectionStringAsync("kafka"))!;

        _factory = new WebApplicationFactory<ProductDbContext>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Development");
            web.UseSetting("ConnectionStrings:productdb", database);
            web.UseSetting("ConnectionStrings:redis", redis);
            web.UseSetting("ConnectionStrings:kafka", kafka);
            web.UseSetting("EventBus:ConsumerGroup", $"endpoint-tests-{Guid.NewGuid():N}");
            web.UseSetting("Jwt:SigningKey", UserSigningKey);
            web.UseSetting("ServiceAuth:SigningKey", ServiceSigningKey);
            web.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
            web.ConfigureLogging(logging => logging.ToFileOnly("product-in-process"));
            Configure(web);
        });
        await using (var connection = new MySqlConnection(server))
        {
            await connection.OpenAsync();
            await new MySqlCommand($"CREATE DATABASE `{_database}`", connection).ExecuteNonQueryAsync();
        }
        Client = _factory.CreateDefaultClient(new CredentialsByPath());
    }

    /// <summary>Further settings of a variant of the host.</summary>
    protected virtual void Configure(IWebHostBuilder web)
    {
    }

    /// <summary>The MySQL server the service is given (the test's own connection goes to the real one).</summary>
    protected virtual Task<string> ServiceMySqlAsync(string server) => Task.FromResult(server);

    /// <summary>The service's own database, read directly.</summary>
    public async Task<T> QueryAsync<T>(string sql)
    {
        var server = (await system.App.GetConnectionStringAsync("mysql"))!;
        await using var connection = new MySqlConnection(new MySqlConnectionStringBuilder(server) { Database = _database }.ConnectionString);
        await connection.OpenAsync();
        var value = await new MySqlCommand(sql, connection).ExecuteScalarAsync();
        return (T)Convert.ChangeType(value, typeof(T))!;
    }

    public async Task ExecuteAsync(string sql)
    {
        var server = (await system.App.GetConnectionStringAsync("mysql"))!;
        await using var connection = new MySqlConnection(new MySqlConnectionStringBuilder(server) { Database = _database }.ConnectionString);
        await connection.OpenAsync();
        await new MySqlCommand(sql, connection).ExecuteNonQueryAsync();
    }

    /// <summary>The order service's credential on reservation calls, an admin's token on the rest.</summary>
    private sealed class CredentialsByPath : DelegatingHandler
    {
        private readonly ServiceCredential _service = new(TokenSettings.ForServices(Keys()), "Ordering.Api", TimeProvider.System);
        private readonly string _admin = TestTokens.User(UserSigningKey, "endpoint-tests-admin", FlashSalesClaims.AdminRole);

        private static IConfiguration Keys() =>
            new ConfigurationBuilder().AddInMemoryCollection([new("ServiceAuth:SigningKey", ServiceSigningKey)]).Build();

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Authorization ??= new AuthenticationHeaderValue("Bearer",
                request.RequestUri!.AbsolutePath.StartsWith("/api/reservations", StringComparison.Ordinal) ? _service.Token : _admin);
            return base.SendAsync(request, cancellationToken);
        }
    }

    public virtual async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        if (_factory is not null) await _factory.DisposeAsync();
        await using var connection = new MySqlConnection((await system.App.GetConnectionStringAsync("mysql"))!);
        await connection.OpenAsync();
        await new MySqlCommand($"DROP DATABASE IF EXISTS `{_database}`", connection).ExecuteNonQueryAsync();
    }
}
