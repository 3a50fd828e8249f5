using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FlashSales.IntegrationTests.Storefront;

/// <summary>
/// The shoppers' page, served by the gateway at "/", in a real browser against the whole system: every state a test
/// waits for is one the page reaches by itself (server clock, live updates), with a generous deadline as a guard.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class StorefrontTests(FlashSalesApp system, Browser browser) : IClassFixture<Browser>
{
    private const string ApprovedCard = "4242 4242 4242 4242";
    private const string DeclinedCard = "4000 0000 0000 0002";

    private readonly FlashSalesClient _client = system.Client();

    [Fact]
    public async Task A_shopper_waits_for_the_countdown_buys_pays_and_sees_the_order_completed()
    {
        var product = await _client.CreateEventProductAsync($"Countdown deal {Guid.NewGuid():N}", 19.99m, 5,
            DateTime.UtcNow.AddSeconds(8), perUserLimit: 1);
        var page = await SignedInPageAsync();
        var card = Card(page, product.Id);

        await Expect(card.Locator(".countdown")).ToContainTextAsync("Opens in");
        await Expect(card.Locator(".buy")).ToBeDisabledAsync();
        await Expect(card.Locator(".claimed small")).ToHaveTextAsync("0% claimed");
        await Browser.ScreenshotAsync(page, "product-list-with-countdown");

        // The button wakes up when the server's clock reaches the opening time.
        await Expect(card.Locator(".buy")).ToBeEnabledAsync(new() { Timeout = 60_000 });
        await card.Locator(".buy").ClickAsync();
        await Expect(page.GetByTestId("order-status")).ToHaveTextAsync("Pending");
        await Expect(page.GetByTestId("claim-time")).ToContainTextAsync("Your claim is held for");
        // The shopper's own claim shows live on the card.
        await Expect(card.Locator(".claimed small")).ToHaveTextAsync("20% claimed");

        await page.Locator("#card").FillAsync(ApprovedCard);
        await page.Locator("#pay-button").ClickAsync();
        await Expect(page.GetByTestId("order-status")).ToHaveTextAsync("Completed");
        await Expect(page.GetByTestId("notice")).ToContainTextAsync("Order completed");
        await Expect(page.GetByTestId("orders").Locator("tr").First).ToContainTextAsync("Succeeded");
        await Browser.ScreenshotAsync(page, "order-completed");

        var orders = await OrdersOfAsync(page);
        Assert.Equal("Completed", Assert.Single(orders).Status);
    }

    [Fact]
    public async Task A_declined_card_fails_the_order_and_puts_the_unit_back_on_sale()
    {
        var product = await _client.CreateEventProductAsync($"Declined deal {Guid.NewGuid():N}", 9.50m, 1, DateTime.UtcNow, 1);
        var page = await SignedInPageAsync();
        var card = Card(page, product.Id);

        await card.Locator(".buy").ClickAsync();
        await Expect(page.GetByTestId("order-status")).ToHaveTextAsync("Pending");
        await Expect(card.Locator(".stock")).ToHaveTextAsync("Sold out");

        await page.Locator("#card").FillAsync(DeclinedCard);
        await page.Locator("#pay-button").ClickAsync();
        await Expect(page.GetByTestId("order-status")).ToHaveTextAsync("Failed");
        await Expect(page.GetByTestId("orders").Locator("tr").First).ToContainTextAsync("card declined");
        // The unit comes back and the page is told without reloading.
        await Expect(card.Locator(".stock")).ToHaveTextAsync("1 of 1 left");
        await Expect(card.Locator(".buy")).ToBeEnabledAsync();
        await Browser.ScreenshotAsync(page, "payment-declined");
    }

    [Fact]
    public async Task A_waitlisted_shopper_is_offered_a_lapsed_claim_live_and_completes_it()
    {
        var product = await _client.CreateEventProductAsync($"Waitlist deal {Guid.NewGuid():N}", 25m, 1, DateTime.UtcNow, 1);
        var first = await SignedInPageAsync();
        await Card(first, product.Id).Locator(".buy").ClickAsync();
        await Expect(first.GetByTestId("order-status")).ToHaveTextAsync("Pending");

        var second = await SignedInPageAsync();
        var card = Card(second, product.Id);
        await Expect(card.Locator(".buy")).ToHaveTextAsync("Sold out");
        await card.Locator(".join").ClickAsync();
        await Expect(card.Locator(".waitlist")).ToHaveTextAsync("You are number 1 of 1 on the waitlist.");
        await Browser.ScreenshotAsync(second, "waitlist-joined");

        // The first shopper never pays: their claim lapses, and its unit goes to the second, who is told live.
        await Expect(second.GetByTestId("order-status")).ToHaveTextAsync("Pending", new() { Timeout = 120_000 });
        await Expect(second.GetByTestId("notice")).ToContainTextAsync("came back and is held for you");
        await Expect(card.Locator(".stock")).ToHaveTextAsync("Sold out");
        await Browser.ScreenshotAsync(second, "waitlist-offered");
        await second.Locator("#pay-button").ClickAsync();
        await Expect(second.GetByTestId("order-status")).ToHaveTextAsync("Completed");

        await Expect(first.GetByTestId("order-status")).ToHaveTextAsync("Expired");
        var sold = await _client.WaitForProductAsync(product.Id, p => p.Stock == 0, "the unit sold to the waitlisted shopper");
        Assert.Equal(0, sold.Available);
        Assert.Equal("Completed", Assert.Single(await OrdersOfAsync(second)).Status);
    }

    [Fact]
    public async Task A_double_click_places_one_order()
    {
        var product = await _client.CreateEventProductAsync($"Double click {Guid.NewGuid():N}", 5m, 10, DateTime.UtcNow, 3);
        var page = await SignedInPageAsync();

        await Card(page, product.Id).Locator(".buy").DblClickAsync();
        await Expect(page.GetByTestId("order-status")).ToHaveTextAsync("Pending");

        var orders = await OrdersOfAsync(page);
        Assert.Single(orders);
        Assert.Equal(9, (await _client.GetProductAsync(product.Id)).Available);
    }

    [Fact]
    public async Task Sold_out_is_shown_live_and_as_the_answer_to_a_late_click()
    {
        var product = await _client.CreateEventProductAsync($"Last unit {Guid.NewGuid():N}", 15m, 1, DateTime.UtcNow, 1);
        var watching = await SignedInPageAsync();
        var late = await SignedInPageAsync(live: false);
        await Expect(Card(late, product.Id).Locator(".buy")).ToBeEnabledAsync();

        await _client.PlaceOrderOkAsync($"first-{Guid.NewGuid():N}", (product.Id, 1));

        await Expect(Card(watching, product.Id).Locator(".stock")).ToHaveTextAsync("Sold out");
        await Expect(Card(watching, product.Id).Locator(".buy")).ToHaveTextAsync("Sold out");
        // A page that was not told yet gets the service's answer in words.
        await Card(late, product.Id).Locator(".buy").ClickAsync();
        await Expect(late.GetByTestId("notice")).ToHaveTextAsync("Sorry, this deal is sold out.");
        await Browser.ScreenshotAsync(late, "sold-out");
    }

    [Fact]
    public async Task Too_many_requests_is_explained_and_the_button_waits_for_retry_after()
    {
        var product = await _client.CreateEventProductAsync($"Rate limited {Guid.NewGuid():N}", 7m, 5, DateTime.UtcNow, 1);
        var page = await SignedInPageAsync(phone: true);
        // The gateway's answer when a shopper's bucket is empty (its limits are far above this test's in this system).
        await page.RouteAsync("**/api/orders", route => route.FulfillAsync(new()
        {
            Status = 429,
            Headers = new Dictionary<string, string> { ["Retry-After"] = "30", ["Content-Type"] = "application/problem+json" },
            Body = """{"status":429,"title":"Too many requests"}""",
        }));
        var buy = Card(page, product.Id).Locator(".buy");

        await buy.ClickAsync();
        await Expect(page.GetByTestId("notice")).ToContainTextAsync("too many requests");
        await Expect(page.GetByTestId("notice")).ToContainTextAsync("Try again in 30 s");
        await Expect(buy).ToBeDisabledAsync();
        await Expect(buy).ToContainTextAsync("Wait");
        await Browser.ScreenshotAsync(page, "rate-limited-phone");
        Assert.Empty(await OrdersOfAsync(page));
    }

    [Fact]
    public async Task The_page_and_its_assets_come_from_the_gateway_alone()
    {
        using var page = await system.Gateway.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var policy = string.Join(";", page.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", policy);
        var html = await page.Content.ReadAsStringAsync();
        Assert.DoesNotContain("http://", html);
        Assert.DoesNotContain("https://", html);
        foreach (var asset in new[] { "/app.js", "/app.css" })
        {
            using var answer = await system.Gateway.GetAsync(asset);
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        }
    }

    private async Task<IPage> SignedInPageAsync(bool phone = false, bool live = true)
    {
        var page = await browser.OpenAsync(system.Gateway.BaseAddress!, phone);
        if (!live) await page.RouteAsync("**/api/products/live", route => route.AbortAsync());
        var name = $"shopper-{Guid.NewGuid():N}"[..24];
        await page.Locator("#user-name").FillAsync(name);
        await page.Locator("#password").FillAsync(FlashSalesClient.PasswordOf(name));
        await page.Locator("#register-button").ClickAsync();
        await Expect(page.GetByTestId("who")).ToHaveTextAsync(name);
        await Expect(page.GetByTestId("products").Locator("article").First).ToBeVisibleAsync();
        return page;
    }

    private static ILocator Card(IPage page, Guid productId) => page.Locator($"article[data-product-id='{productId}']");

    /// <summary>The orders of the shopper signed in on <paramref name="page"/>, as the API has them.</summary>
    private async Task<List<OrderDto>> OrdersOfAsync(IPage page)
    {
        var name = (await page.GetByTestId("who").TextContentAsync())!;
        var shopper = await _client.SignInAsync(name, FlashSalesClient.PasswordOf(name));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/orders");
        request.Headers.Authorization = new("Bearer", shopper.AccessToken);
        using var response = await system.Gateway.SendAsync(request);
        return (await response.Content.ReadFromJsonAsync<List<OrderDto>>())!;
    }
}
