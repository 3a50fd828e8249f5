using Microsoft.AspNetCore.Hosting;
using MySqlConnector;

namespace FlashSales.IntegrationTests;

/// <summary>The product service with one batch at a time and a long linger, so concurrent reservations share a transaction.</summary>
public sealed class GroupCommitProductHost(FlashSalesApp system) : ProductServiceHost(system)
{
    protected override void Configure(IWebHostBuilder web)
    {
        web.UseSetting("Reservation:GroupCommit:Linger", "00:00:00.300");
        web.UseSetting("Reservation:GroupCommit:MaxConcurrentBatches", "1");
    }
}

/// <summary>The product service reaching MySQL through a relay the test can cut.</summary>
public sealed class CuttableMySqlProductHost(FlashSalesApp system) : ProductServiceHost(system)
{
    private TcpCutter? _relay;

    public void CutMySql() => _relay!.Cut();

    protected override Task<string> ServiceMySqlAsync(string server)
    {
        var real = new MySqlConnectionStringBuilder(server);
        _relay = new TcpCutter(real.Server, (int)real.Port).Start();
        return Task.FromResult(new MySqlConnectionStringBuilder(server)
        {
            Server = "127.0.0.1", Port = (uint)_relay.Port,
            ConnectionTimeout = 2
        }.ConnectionString);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_relay is not null) await _relay.DisposeAsync();
    }
}
