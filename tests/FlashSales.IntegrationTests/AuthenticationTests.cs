using FlashSales.ReservationContracts;
using System.Net.Http.Headers;
using FlashSales.Authentication;

namespace FlashSales.IntegrationTests;

/// <summary>Sign-in, refresh and every authorization rule, through the gateway and at the services themselves.</summary>
[Collection(SystemCollection.Name)]
public sealed class AuthenticationTests(FlashSalesApp system)
{
    private readonly FlashSalesClient _client = system.Client();

    [Fact]
    public async Task Sign_in_hands_out_a_short_lived_token_and_a_refresh_token_that_works_once()
    {
        var userName = $"t-refresher-{Guid.NewGuid():N}"[..30];
        var password = FlashSalesClient.PasswordOf(userName);
        using (var registered = await system.Gateway.PostAsJsonAsync("/api/identity/users", new { userName, password }))
            Assert.Equal(HttpStatusCode.Created, registered.StatusCode);

        using var signIn = await system.Gateway.PostAsJsonAsync("/api/identity/token", new { userName, password });
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        var tokens = (await signIn.Content.ReadFromJsonAsync<TokenDto>())!;
        Assert.Equal("Bearer", tokens.TokenType);
        Assert.InRange(tokens.ExpiresIn, 60, 15 * 60);
        Assert.Equal(HttpStatusCode.OK, await MeAsync(tokens.AccessToken));

        using var refreshed = await system.Gateway.PostAsJsonAsync("/api/identity/token/refresh", new { refreshToken = tokens.RefreshToken });
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        var renewed = (await refreshed.Content.ReadFromJsonAsync<TokenDto>())!;
        Assert.NotEqual(tokens.RefreshToken, renewed.RefreshToken);
        Assert.Equal(HttpStatusCode.OK, await MeAsync(renewed.AccessToken));

        // A refresh token works once; presented again it means a copy, and the user's live refresh tokens are revoked.
        using var replayed = await system.Gateway.PostAsJsonAsync("/api/identity/token/refresh", new { refreshToken = tokens.RefreshToken });
        Assert.Equal(HttpStatusCode.Unauthorized, replayed.StatusCode);
        Assert.Equal("application/problem+json", replayed.Content.Headers.ContentType?.MediaType);
        using var afterReplay = await system.Gateway.PostAsJsonAsync("/api/identity/token/refresh", new { refreshToken = renewed.RefreshToken });
        Assert.Equal(HttpStatusCode.Unauthorized, afterReplay.StatusCode);
    }

    [Fact]
    public async Task A_wrong_password_and_an_unknown_user_get_the_same_401()
    {
        await _client.UserAsync("known");
        using var wrong = await system.Gateway.PostAsJsonAsync("/api/identity/token", new { userName = "t-known", password = "Wrong-password-1!" });
        using var unknown = await system.Gateway.PostAsJsonAsync("/api/identity/token",
            new { userName = $"nobody-{Guid.NewGuid():N}", password = "Wrong-password-1!" });
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal((await wrong.Content.ReadFromJsonAsync<ProblemDto>())!.Detail, (await unknown.Content.ReadFromJsonAsync<ProblemDto>())!.Detail);
    }

    public static TheoryData<string> Services => ["gateway", "order", "payment"];

    [Theory]
    [MemberData(nameof(Services))]
    public async Task No_expired_or_wrongly_signed_token_reaches_orders_or_payments(string entry)
    {
        var http = entry == "gateway" ? system.Gateway : system.App.CreateHttpClient(entry, "http");
        var path = entry == "payment" ? $"/api/payments/{Guid.NewGuid()}" : "/api/orders";
        var userId = (await _client.UserAsync("token-holder")).UserId;
        string?[] refused =
        [
            null,
            TestTokens.User(system.JwtSigningKey, userId, DateTime.UtcNow.AddMinutes(-5)),
            TestTokens.User("a-key-that-is-not-the-system-signing-key-0123456789", userId),
            "not.a.jwt",
        ];
        foreach (var token in refused)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        // The same request with a good token goes through.
        using var good = new HttpRequestMessage(HttpMethod.Get, path);
        good.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.User(system.JwtSigningKey, userId));
        using var accepted = await http.SendAsync(good);
        Assert.NotEqual(HttpStatusCode.Unauthorized, accepted.StatusCode);
    }

    [Fact]
    public async Task A_user_sees_cancels_and_pays_only_their_own_orders()
    {
        var product = await _client.CreateProductAsync($"Own {Guid.NewGuid():N}", 10m, 10);
        var order = await _client.PlaceOrderOkAsync("owner", (product.Id, 1));
        var owner = await _client.UserAsync("owner");
        Assert.Equal(owner.UserId, order.UserId);

        using (var read = await _client.SendAsAsync("intruder", HttpMethod.Get, $"/api/orders/{order.Id}"))
            Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        using (var cancel = await _client.SendAsAsync("intruder", HttpMethod.Delete, $"/api/orders/{order.Id}"))
            Assert.Equal(HttpStatusCode.NotFound, cancel.StatusCode);
        using (var pay = await _client.PayAsync(order.Id, "4242424242424242", asUser: "intruder"))
            Assert.Equal(HttpStatusCode.NotFound, pay.StatusCode);
        Assert.DoesNotContain(await _client.ListOrdersAsync("intruder"), o => o.Id == order.Id);

        // The owner's order is untouched, and theirs to pay; the payment is theirs to read, and nobody else's.
        Assert.Equal("Pending", (await _client.GetOrderAsync(order.Id)).Status);
        var payment = await _client.PayOkAsync(order.Id, "4242424242424242");
        using (var theirs = await _client.SendAsAsync("owner", HttpMethod.Get, $"/api/payments/{payment.Id}"))
            Assert.Equal(HttpStatusCode.OK, theirs.StatusCode);
        using (var others = await _client.SendAsAsync("intruder", HttpMethod.Get, $"/api/payments/{payment.Id}"))
            Assert.Equal(HttpStatusCode.NotFound, others.StatusCode);
    }

    [Fact]
    public async Task The_user_comes_from_the_token_never_from_the_body()
    {
        var product = await _client.CreateProductAsync($"Body {Guid.NewGuid():N}", 10m, 10);
        var buyer = await _client.UserAsync("honest-buyer");
        var victim = await _client.UserAsync("victim");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/orders")
        {
            Content = JsonContent.Create(new { userId = victim.UserId, items = new[] { new { productId = product.Id, quantity = 1 } } }),
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", buyer.AccessToken);
        using var response = await system.Gateway.SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(buyer.UserId, (await response.Content.ReadFromJsonAsync<OrderDto>())!.UserId);
        Assert.Empty(await _client.ListOrdersAsync("victim"));
    }

    [Fact]
    public async Task A_stranger_guessing_a_password_locks_only_their_own_address_out()
    {
        var owner = $"t-owned-{Guid.NewGuid():N}";
        var password = FlashSalesClient.PasswordOf(owner);
        using (var registered = await system.Gateway.PostAsJsonAsync("/api/identity/users", new { userName = owner, password }))
        {
            Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        }

        // The stranger's requests reach the identity service as the gateway forwards them: with their address.
        using var identity = system.App.CreateHttpClient("identity", "http");
        async Task<HttpStatusCode> FromStrangerAsync(string tried)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post,
                "/api/identity/token")
            { Content = JsonContent.Create(new { userName = owner, password = tried }) };
            request.Headers.Add("X-Forwarded-For", "203.0.113.9");
            using var response = await identity.SendAsync(request);
            return response.StatusCode;
        }
        for (var i = 0; i < 6; i++) Assert.Equal(HttpStatusCode.Unauthorized, await FromStrangerAsync($"Wrong-guess-{i}!"));

        // Locked out for that address, even with the right password; the owner, from their own address, is not.
        Assert.Equal(HttpStatusCode.Unauthorized, await FromStrangerAsync(password));
        using var ownSignIn = await system.Gateway.PostAsJsonAsync("/api/identity/token", new { userName = owner, password });
        Assert.Equal(HttpStatusCode.OK, ownSignIn.StatusCode);
    }

    [Fact]
    public async Task Reservations_at_the_product_service_need_the_service_credential()
    {
        var product = await _client.CreateProductAsync($"Internal {Guid.NewGuid():N}", 10m, 5);
        var product_service = system.App.CreateHttpClient("product", "http");
        var shopper = await _client.UserAsync("port-scanner");
        string?[] refused =
        [
            null,
            shopper.AccessToken,
            TestTokens.User(system.JwtSigningKey, "someone", FlashSalesClaims.AdminRole),
        ];
        foreach (var token in refused)
        {
            using var response = await ReserveAsync(product_service, product.Id, token);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }
        Assert.Equal(5, (await _client.GetProductAsync(product.Id)).Available);

        using var allowed = await ReserveAsync(product_service, product.Id, TestTokens.OrderService(system.ServiceSigningKey));
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }

    private static Task<HttpResponseMessage> ReserveAsync(HttpClient productService, Guid productId, string? token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, ReservationRoutes.Reserve)
        {
            Content = JsonContent.Create(new ReserveRequest(Guid.NewGuid(), "direct", [new ReserveItem(productId, 1)], HoldSeconds: 60)),
        };
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return productService.SendAsync(request);
    }

    private async Task<HttpStatusCode> MeAsync(string accessToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/identity/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var response = await system.Gateway.SendAsync(request);
        return response.StatusCode;
    }

    private sealed record TokenDto(string AccessToken, string TokenType, int ExpiresIn, string RefreshToken);
}
