using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace FlashSales.Bench.Load;

/// <summary>
/// The public API through the gateway, as shop fronts and the shop's admin call it. Order requests are built as bytes
/// and answers read with a forward-only reader, so the load generator stays cheap next to the system it measures.
/// </summary>
public sealed class ShopClient : IDisposable
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    public const string ApprovedCard = "4242424242424242";

    /// <summary>A card the simulated processor answers only after its slow-card latency.</summary>
    public const string SlowCard = "4000000000000259";

    /// <summary>Admin tokens are short-lived too: a new sign-in after this long.</summary>
    private static readonly TimeSpan AdminSignInEvery = TimeSpan.FromMinutes(10);

    private readonly HttpClient _http;
    private readonly string? _adminPassword;
    private (AuthenticationHeaderValue Bearer, DateTime At)? _admin;

    /// <param name="adminPassword">The seeded admin's password, for the catalogue calls; null for a client of shoppers only.</param>
    public ShopClient(Uri gateway, string? adminPassword, int connections, TimeSpan timeout)
    {
        _adminPassword = adminPassword;
        _http = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(10),
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
        })
        {
            BaseAddress = gateway,
            Timeout = timeout,
        };
    }

    /// <summary>The card shoppers pay with; a fault may switch it for a while.</summary>
    public string CardNumber { get; set; } = ApprovedCard;

    /// <summary>One order of one unit (or <paramref name="quantity"/>), with a fresh Idempotency-Key.</summary>
    public Task<OrderAnswer> PlaceOrderAsync(Shopper shopper, Guid productId, CancellationToken ct, int quantity = 1) =>
        PlaceOrderAsync(shopper, [productId], ct, quantity);

    /// <summary>One order of <paramref name="quantity"/> units of each product, with a fresh Idempotency-Key.</summary>
    public async Task<OrderAnswer> PlaceOrderAsync(Shopper shopper, IReadOnlyList<Guid> productIds, CancellationToken ct, int quantity = 1)
    {
        var items = string.Join(",", productIds.Select(id => $$"""{"productId":"{{id}}","quantity":{{quantity}}}"""));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/orders")
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes($$"""{"items":[{{items}}]}""")),
        };
        request.Content.Headers.ContentType = Json;
        request.Headers.Authorization = shopper.Bearer;
        request.Headers.TryAddWithoutValidation("Idempotency-Key", Guid.NewGuid().ToString("N"));
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct);
            var body = await response.Content.ReadAsByteArrayAsync(ct);
            return Classify(response.StatusCode, body);
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return new OrderAnswer(Outcome.Timeout);
        }
        catch (HttpRequestException)
        {
            return new OrderAnswer(Outcome.SocketError);
        }
    }

    /// <returns>The answer's status code; 0 when no answer came (the connection failed or timed out).</returns>
    public async Task<int> PayAsync(Shopper shopper, Guid orderId, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/payments")
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes($$"""{"orderId":"{{orderId}}","cardNumber":"{{CardNumber}}"}""")),
        };
        request.Content.Headers.ContentType = Json;
        request.Headers.Authorization = shopper.Bearer;
        request.Headers.TryAddWithoutValidation("Idempotency-Key", Guid.NewGuid().ToString("N"));
        try
        {
            using var response = await _http.SendAsync(request, ct);
            return (int)response.StatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return 0;
        }
    }

    /// <summary>Joins the product's waitlist; the answer's status code (0 when no answer came).</summary>
    public async Task<int> JoinWaitlistAsync(Shopper shopper, Guid productId, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/products/{productId}/waitlist");
        request.Headers.Authorization = shopper.Bearer;
        try
        {
            using var response = await _http.SendAsync(request, ct);
            return (int)response.StatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return 0;
        }
    }

    /// <summary>The shopper's orders (the last 100), with their status; empty when no answer came.</summary>
    public async Task<IReadOnlyList<OrderStatusView>> OrdersAsync(Shopper shopper, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/orders");
        request.Headers.Authorization = shopper.Bearer;
        try
        {
            using var response = await _http.SendAsync(request, ct);
            if (!response.IsSuccessStatusCode) return [];
            return await response.Content.ReadFromJsonAsync<List<OrderStatusView>>(ct) ?? [];
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return [];
        }
    }

    /// <summary>Registers the shopper (a taken name is theirs from an earlier call) and signs them in.</summary>
    public async Task RegisterAndSignInAsync(Shopper shopper, string password, CancellationToken ct)
    {
        using (var registered = await _http.PostAsJsonAsync("/api/identity/users", new { userName = shopper.UserName, password }, ct))
        {
            if (registered.StatusCode != HttpStatusCode.Conflict) await EnsureAsync(registered, $"registering {shopper.UserName}");
        }
        var tokens = await SignInAsync(shopper.UserName, password, ct);
        shopper.SignedIn(tokens.AccessToken, tokens.RefreshToken);
    }

    /// <summary>Trades the shopper's refresh token for new tokens; on failure the current ones stay (and are tried again next time).</summary>
    public async Task<bool> RefreshAsync(Shopper shopper, CancellationToken ct)
    {
        try
        {
            using var response = await _http.PostAsJsonAsync("/api/identity/token/refresh", new { refreshToken = shopper.RefreshToken }, ct);
            if (!response.IsSuccessStatusCode) return false;
            var tokens = (await response.Content.ReadFromJsonAsync<Tokens>(ct))!;
            shopper.SignedIn(tokens.AccessToken, tokens.RefreshToken);
            return true;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return false;
        }
    }

    private async Task<Tokens> SignInAsync(string userName, string password, CancellationToken ct)
    {
        using var response = await _http.PostAsJsonAsync("/api/identity/token", new { userName, password }, ct);
        await EnsureAsync(response, $"signing in {userName}");
        return (await response.Content.ReadFromJsonAsync<Tokens>(ct))!;
    }

    /// <summary>The no-I/O endpoint the ceiling is measured with.</summary>
    public async Task<bool> GetClockAsync(CancellationToken ct)
    {
        try
        {
            using var response = await _http.GetAsync("/api/products/clock", HttpCompletionOption.ResponseContentRead, ct);
            return response.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return false;
        }
    }

    public async Task<DateTime> ServerTimeAsync(CancellationToken ct)
    {
        using var answer = JsonDocument.Parse(await _http.GetStringAsync("/api/products/clock", ct));
        return answer.RootElement.GetProperty("utcNow").GetDateTime().ToUniversalTime();
    }

    /// <summary>Warms a connection the way a waiting buyer's page would: reads the product.</summary>
    public async Task ViewProductAsync(Guid productId, CancellationToken ct)
    {
        using var response = await _http.GetAsync($"/api/products/{productId}", ct);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>A benchmark catalogue through the admin seed endpoint; returns the product ids in creation order.</summary>
    public async Task<IReadOnlyList<Guid>> SeedAsync(int products, int stock, CancellationToken ct)
    {
        var ids = new List<Guid>(products);
        const int perCall = 5000;
        for (var done = 0; done < products; done += perCall)
        {
            using var request = await AdminAsync(HttpMethod.Post, "/api/products/seed",
                new { products = Math.Min(perCall, products - done), stock, eventShare = 0.0, opensInSeconds = 0, perUserLimit = 1 });
            using var response = await _http.SendAsync(request, ct);
            await EnsureAsync(response, "seeding the catalogue");
            var seeded = await response.Content.ReadFromJsonAsync<SeededCatalog>(ct);
            ids.AddRange(seeded!.Ids);
        }
        return ids;
    }

    public async Task<Guid> CreateEventProductAsync(string name, int stock, DateTime opensAt, int perUserLimit, CancellationToken ct)
    {
        using var request = await AdminAsync(HttpMethod.Post, "/api/products",
            new { name, description = "benchmark stampede", price = 19.99m, stock, kind = "Event", opensAt, perUserLimit });
        using var response = await _http.SendAsync(request, ct);
        await EnsureAsync(response, "creating the event product");
        using var product = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        return product.RootElement.GetProperty("id").GetGuid();
    }

    private async Task<HttpRequestMessage> AdminAsync(HttpMethod method, string path, object body)
    {
        if (_admin is not { } admin || DateTime.UtcNow - admin.At > AdminSignInEvery)
        {
            var password = _adminPassword ?? throw new InvalidOperationException("This client has no admin password.");
            var tokens = await SignInAsync("admin", password, CancellationToken.None);
            _admin = admin = (new AuthenticationHeaderValue("Bearer", tokens.AccessToken), DateTime.UtcNow);
        }
        var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = admin.Bearer;
        return request;
    }

    private static async Task EnsureAsync(HttpResponseMessage response, string what)
    {
        if (response.IsSuccessStatusCode) return;
        throw new InvalidOperationException($"{what} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    public static OrderAnswer Classify(HttpStatusCode status, ReadOnlySpan<byte> body) => (int)status switch
    {
        201 => new OrderAnswer(Outcome.Accepted, ReadGuid(body, "id"u8), ReadDateTime(body, "expiresAt"u8)),
        409 => new OrderAnswer(ReadString(body, "code"u8) switch
        {
            "sold_out" => Outcome.SoldOut,
            "not_open" => Outcome.NotOpen,
            "closed" => Outcome.Closed,
            "limit_exceeded" => Outcome.LimitExceeded,
            _ => Outcome.OtherRejection,
        }),
        429 => new OrderAnswer(Outcome.TooManyRequests),
        503 => new OrderAnswer(ReadString(body, "code"u8) switch
        {
            "store_unavailable" => Outcome.StoreUnavailable,
            "not_confirmed_in_time" => Outcome.NotConfirmedInTime,
            "busy" => Outcome.Busy,
            _ => Outcome.Unavailable,
        }),
        >= 500 => new OrderAnswer(Outcome.ServerError),
        _ => new OrderAnswer(Outcome.OtherRejection),
    };

    private static Guid? ReadGuid(ReadOnlySpan<byte> body, ReadOnlySpan<byte> property) =>
        FindTopLevel(body, property, out var reader) && reader.TryGetGuid(out var value) ? value : null;

    private static DateTime? ReadDateTime(ReadOnlySpan<byte> body, ReadOnlySpan<byte> property) =>
        FindTopLevel(body, property, out var reader) && reader.TryGetDateTime(out var value) ? value.ToUniversalTime() : null;

    private static string? ReadString(ReadOnlySpan<byte> body, ReadOnlySpan<byte> property) =>
        FindTopLevel(body, property, out var reader) && reader.TokenType == JsonTokenType.String ? reader.GetString() : null;

    private static bool FindTopLevel(ReadOnlySpan<byte> body, ReadOnlySpan<byte> property, out Utf8JsonReader reader)
    {
        reader = new Utf8JsonReader(body);
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1 && reader.ValueTextEquals(property))
                {
                    return reader.Read();
                }
            }
        }
        catch (JsonException)
        {
        }
        return false;
    }

    public void Dispose() => _http.Dispose();

    private sealed record SeededCatalog(int Products, IReadOnlyList<Guid> Ids);

    private sealed record Tokens(string AccessToken, string RefreshToken);
}

/// <summary>An order as the shopper's order list has it.</summary>
public sealed record OrderStatusView(Guid Id, string Status);

/// <summary>An order request's outcome; for an accepted order its id and when its reservation lapses.</summary>
public readonly record struct OrderAnswer(Outcome Outcome, Guid? OrderId = null, DateTime? ExpiresAt = null);
