using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace FlashSales.IntegrationTests;

/// <summary>
/// One HTTP/1.1 connection written by hand, for what HttpClient will not do: send a request's head and its body
/// apart, and see whether the server keeps the connection for the next request.
/// </summary>
public sealed partial class RawHttp1Connection : IAsyncDisposable
{
    private readonly TcpClient _tcp;
    private readonly NetworkStream _stream;
    private readonly string _host;
    private readonly List<byte> _received = [];

    private RawHttp1Connection(TcpClient tcp, string host) => (_tcp, _stream, _host) = (tcp, tcp.GetStream(), host);

    public static async Task<RawHttp1Connection> OpenAsync(Uri server)
    {
        var tcp = new TcpClient { NoDelay = true };
        await tcp.ConnectAsync(server.Host, server.Port);
        return new RawHttp1Connection(tcp, server.Authority);
    }

    /// <summary>Sends "METHOD /path", the Host header, the given headers and the blank line; no body.</summary>
    public Task SendHeadAsync(string requestLine, params string[] headers) =>
        SendAsync($"{requestLine} HTTP/1.1\r\nHost: {_host}\r\n{string.Concat(headers.Select(h => h + "\r\n"))}\r\n");

    public async Task SendAsync(string text)
    {
        await _stream.WriteAsync(Encoding.ASCII.GetBytes(text));
        await _stream.FlushAsync();
    }

    /// <summary>
    /// Reads one whole response (head, and a Content-Length or chunked body) and returns its head; fails if the server
    /// closes the connection first.
    /// </summary>
    public async Task<string> ReadResponseHeadAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        int headEnd;
        while ((headEnd = Encoding.ASCII.GetString([.. _received]).IndexOf("\r\n\r\n", StringComparison.Ordinal)) < 0)
            await ReceiveAsync(timeout.Token);
        var head = Encoding.ASCII.GetString([.. _received], 0, headEnd);
        _received.RemoveRange(0, headEnd + 4);
        if (ContentLength().Match(head) is { Success: true } length)
        {
            while (_received.Count < int.Parse(length.Groups[1].Value)) await ReceiveAsync(timeout.Token);
            _received.RemoveRange(0, int.Parse(length.Groups[1].Value));
        }
        else if (head.Contains("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase))
        {
            int end;
            while ((end = Encoding.ASCII.GetString([.. _received]).IndexOf("\r\n0\r\n\r\n", StringComparison.Ordinal)) < 0)
                await ReceiveAsync(timeout.Token);
            _received.RemoveRange(0, end + 7);
        }
        return head;
    }

    private async Task ReceiveAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[4096];
        var n = await _stream.ReadAsync(buffer, cancellationToken);
        if (n == 0) throw new IOException($"The server closed the connection; received so far: '{Encoding.ASCII.GetString([.. _received])}'");
        _received.AddRange(buffer.AsSpan(0, n));
    }

    [GeneratedRegex(@"^Content-Length: (\d+)", RegexOptions.IgnoreCase | RegexOptions.Multiline)]
    private static partial Regex ContentLength();

    public ValueTask DisposeAsync()
    {
        _tcp.Dispose();
        return ValueTask.CompletedTask;
    }
}
