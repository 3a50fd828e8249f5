using System.Collections.Concurrent;
using System.Net.Http.Headers;

namespace FlashSales.IntegrationTests;

/// <summary>
/// Calls the public API through the gateway, as shop fronts (and the shop's admin) do: every user named by a test is
/// registered and signed in once (as "t-&lt;name&gt;", apart from the seeded demo users), and their token goes with
/// their calls. An order placed through this client is read, paid and cancelled as its owner.
/// </summary>
public sealed class FlashSalesClient(HttpClient gateway, string adminPassword)
{
    private static readonly ConcurrentDictionary<(HttpClient, string), Lazy<Task<SignedIn>>> Users = new();
    private static readonly ConcurrentDictionary<Guid, string> Owners = new();

    public HttpClient Http => gateway;

    public sealed record SignedIn(string UserId, string AccessToken, string RefreshToken);

    public static string PasswordOf(string userName) => $"Pw-{userName}-1a!";

    /// <summary>The test user <paramref name="name"/>, registered and signed in on first use.</summary>
    public Task<SignedIn> UserAsync(string name) =>
        Users.GetOrAdd((gateway, name), _ => new Lazy<Task<SignedIn>>(() => RegisterAndSignInAsync($"t-{name}", PasswordOf(name)))).Value;

    public async Task<string> AdminTokenAsync() => (await AdminUserAsync()).AccessToken;

    private Task<SignedIn> AdminUserAsync() =>
        Users.GetOrAdd((gateway, "\0admin"), _ => new Lazy<Task<SignedIn>>(() => SignInAsync("admin", adminPassword))).Value;

    private async Task<SignedIn> RegisterAndSignInAsync(string userName, string password)
    {
        using var registered = await gateway.PostAsJsonAsync("/api/identity/users", new { userName, password });
        if (registered.StatusCode != HttpStatusCode.Conflict) Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        return await SignInAsync(userName, password);
    }

    public async Task<SignedIn> SignInAsync(string userName, string password)
    {
        using var response = await gateway.PostAsJsonAsync("/api/identity/token", new { userName, password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var tokens = (await response.Content.ReadFromJsonAsync<TokenDto>())!;
        var me = new HttpRequestMessage(HttpMethod.Get, "/api/identity/me");
        me.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);
        using var answer = await gateway.SendAsync(me);
        var user = (await answer.Content.ReadFromJsonAsync<UserDto>())!;
        return new SignedIn(user.Id, tokens.AccessToken, tokens.RefreshToken);
    }

    /// <summary>A request as <paramref name="userName"/> (null: anonymous).</summary>
    public async Task<HttpResponseMessage> SendAsAsync(string? userName, HttpMethod method, string path, object? body = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        if (userName is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", (await UserAsync(userName)).AccessToken);
        return await gateway.SendAsync(request);
    }

    public async Task<HttpResponseMessage> AdminAsync(HttpMethod method, string path, object? body = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", (await AdminUserAsync()).AccessToken);
        return await gateway.SendAsync(request);
    }

    public async Task<ProductDto> CreateProductAsync(string name, decimal price, int stock) =>
        await CreateAsync(new { name, description = "test", price, stock });

    public async Task<ProductDto> CreateEventProductAsync(string name, decimal price, int stock, DateTime opensAt, int perUserLimit,
        DateTime? closesAt = null) =>
        await CreateAsync(new { name, description = "flash", price, stock, kind = "Event", opensAt, closesAt, perUserLimit });

    private async Task<ProductDto> CreateAsync(object product)
    {
        using var response = await AdminAsync(HttpMethod.Post, "/api/products", product);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ProductDto>())!;
    }

    public async Task<ProductDto> GetProductAsync(Guid id) => (await gateway.GetFromJsonAsync<ProductDto>($"/api/products/{id}"))!;

    public Task<HttpResponseMessage> PlaceOrderAsync(string userName, params (Guid ProductId, int Quantity)[] items) =>
        PlaceOrderAsync(userName, Guid.NewGuid().ToString(), items);

    public async Task<HttpResponseMessage> PlaceOrderAsync(string userName, string idempotencyKey, params (Guid ProductId, int Quantity)[] items)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/orders")
        {
            Content = JsonContent.Create(new { items = items.Select(i => new { productId = i.ProductId, quantity = i.Quantity }) }),
        };
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", (await UserAsync(userName)).AccessToken);
        var response = await gateway.SendAsync(request);
        if (response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK)
        {
            // Read as a string: the buffered body stays readable for the test (a read stream would be used up).
            var body = await response.Content.ReadAsStringAsync();
            if (System.Text.Json.JsonSerializer.Deserialize<OrderDto>(body,
                System.Text.Json.JsonSerializerOptions.Web) is { } order) Owners[order.Id] = userName;
        }
        return response;
    }

    public async Task<OrderDto> PlaceOrderOkAsync(string userName, params (Guid ProductId, int Quantity)[] items)
    {
        using var response = await PlaceOrderAsync(userName, items);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<OrderDto>())!;
    }

    /// <summary>The user who placed the order through this client.</summary>
    public static string OwnerOf(Guid orderId) =>
        Owners.TryGetValue(orderId, out var owner) ? owner
            : throw new InvalidOperationException($"Order {orderId} was not placed through the test client.");

    public async Task<OrderDto> GetOrderAsync(Guid id)
    {
        using var response = await SendAsAsync(OwnerOf(id), HttpMethod.Get, $"/api/orders/{id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<OrderDto>())!;
    }

    public async Task<List<OrderDto>> ListOrdersAsync(string userName)
    {
        using var response = await SendAsAsync(userName, HttpMethod.Get, "/api/orders");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<List<OrderDto>>())!;
    }

    public Task<HttpResponseMessage> CancelOrderAsync(Guid orderId) => SendAsAsync(OwnerOf(orderId), HttpMethod.Delete, $"/api/orders/{orderId}");

    public async Task<HttpResponseMessage> PayAsync(Guid orderId, string cardNumber, string? idempotencyKey = null, string? asUser = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/payments") { Content = JsonContent.Create(new { orderId, cardNumber }) };
        request.Headers.Add("Idempotency-Key", idempotencyKey ?? Guid.NewGuid().ToString());
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", (await UserAsync(asUser ?? OwnerOf(orderId))).AccessToken);
        return await gateway.SendAsync(request);
    }

    public async Task<PaymentDto> PayOkAsync(Guid orderId, string cardNumber)
    {
        using var response = await PayAsync(orderId, cardNumber);
        Assert.True(response.StatusCode == HttpStatusCode.Created,
            $"payment answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<PaymentDto>())!;
    }

    public async Task<PaymentDto> GetPaymentAsync(Guid paymentId, Guid orderId)
    {
        using var response = await SendAsAsync(OwnerOf(orderId), HttpMethod.Get, $"/api/payments/{paymentId}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<PaymentDto>())!;
    }

    public Task<OrderDto> WaitForOrderStatusAsync(Guid orderId, string status) =>
        Eventually.Until(() => GetOrderAsync(orderId), o => o.Status == status, TimeSpan.FromSeconds(45), $"order {orderId} becoming {status}");

    public Task<ProductDto> WaitForProductAsync(Guid productId, Func<ProductDto, bool> done, string what) =>
        Eventually.Until(() => GetProductAsync(productId), done, TimeSpan.FromSeconds(30), what);

    private sealed record TokenDto(string AccessToken, string RefreshToken, int ExpiresIn);

    private sealed record UserDto(string Id, string UserName, List<string> Roles);
}
