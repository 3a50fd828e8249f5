using System.Net;
using System.Net.Sockets;

namespace FlashSales.IntegrationTests;

/// <summary>
/// A TCP relay in front of a real server, for injecting an outage: <see cref="Cut"/> drops every connection and
/// refuses new ones, as if the server had become unreachable.
/// </summary>
public sealed class TcpCutter(string host, int port) : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly List<TcpClient> _open = [];
    private readonly CancellationTokenSource _stop = new();
    private Task? _accepting;

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public TcpCutter Start()
    {
        _listener.Start();
        _accepting = AcceptAsync();
        return this;
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                var server = new TcpClient();
                await server.ConnectAsync(host, port, _stop.Token);
                lock (_open) _open.AddRange([client, server]);
                _ = PumpAsync(client.GetStream(), server.GetStream());
                _ = PumpAsync(server.GetStream(), client.GetStream());
            }
        }
        catch (Exception) when (_stop.IsCancellationRequested)
        {
        }
    }

    private async Task PumpAsync(Stream from, Stream to)
    {
        try { await from.CopyToAsync(to, _stop.Token); }
        catch (Exception) { }
    }

    public void Cut()
    {
        _stop.Cancel();
        _listener.Stop();
        lock (_open)
        {
            foreach (var c in _open) c.Dispose();
            _open.Clear();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested) Cut();
        if (_accepting is not null) await _accepting;
        _stop.Dispose();
    }
}
