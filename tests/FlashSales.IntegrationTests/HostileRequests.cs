using System.Text;
using CsCheck;

namespace FlashSales.IntegrationTests;

/// <summary>A request no honest client sends: what it tries (its kind) and what the gateway gets.</summary>
public sealed record HostileRequest(string Kind, HttpMethod Method, string Path, string? Body, string? Token,
    string ContentType = "application/json", bool IdempotencyKey = true)
{
    public override string ToString() => $"{Kind}: {Method} {Path} {(Body is { Length: > 200 } b ? b[..200] + "…" : Body)}";
}

/// <summary>What the generated requests aim at: tokens of several kinds, and ids that exist but are not the attacker's.</summary>
public sealed record HostileTargets(
    string AttackerToken, string AdminToken, string ExpiredToken, string WronglySignedToken,
    Guid ProductId, Guid OthersOrderId, Guid OthersPaymentId);

/// <summary>
/// CsCheck generators of malformed and hostile requests across every public endpoint: wrong types, missing and null
/// fields, huge and negative numbers, overflowing pages, duplicate items, unknown ids, oversize and deep bodies, bad
/// tokens, other users' ids, unknown routes and methods. Every one must be refused with a 4xx ProblemDetails.
/// </summary>
public static class HostileRequests
{
    private static readonly Gen<string> Junk = Gen.Char['!', '~'].Array[0, 40].Select(c => new string(c));
    // "." and ".." stay unescaped, and every client resolves them as path segments (".../orders/." is the list of
    // orders), so they never reach a server as an id.
    private static readonly Gen<string> NotAnId = Gen.Char['!', '~'].Array[1, 40].Select(c => Uri.EscapeDataString(new string(c)))
        .Where(id => id is not "." and not "..");

    /// <summary>JSON values of every type, several hostile: what a field gets instead of what it wants.</summary>
    private static readonly Gen<string> AnyValue = Gen.OneOf(
        Gen.OneOf("null", "true", "false", "\"\"", "[]", "{}", "-1", "0", "1e309", "-9223372036854775809",
            "99999999999999999999", "2147483648", "1.5", "\"NaN\"", "\"not-a-guid\"", "[null]", "\"\\u0000\""),
        Gen.Int.Select(i => i.ToString()),
        Junk.Select(s => System.Text.Json.JsonSerializer.Serialize(s)));

    /// <summary>Never a number from 1 to 100: a quantity no order may carry.</summary>
    private static readonly Gen<string> BadQuantity = Gen.OneOf(
        Gen.Int[int.MinValue, 0].Select(i => i.ToString()),
        Gen.Int[101, int.MaxValue].Select(i => i.ToString()),
        Gen.OneOf("null", "\"one\"", "1.5", "1e309", "99999999999999999999", "[]", "{}", "true"));

    /// <summary>Never a valid amount: zero, negative, beyond the limits or not a number.</summary>
    private static readonly Gen<string> BadAmount = Gen.OneOf(
        Gen.Int[int.MinValue, 0].Select(i => i.ToString()),
        Gen.Int[10_000_001, int.MaxValue].Select(i => i.ToString()),
        Gen.OneOf("null", "\"ten\"", "1e309", "[]", "{}", "true", "-0.001"));

    private static readonly Gen<string> WeakPassword =
        Gen.OneOf("\"short\"", "\"alllowercase1!\"", "\"NoDigits!!\"", "\"nosymbols1A\"", "\"\"", "null", "12345678", "[]");

    private static Gen<string> Item(HostileTargets t) => Gen.OneOf(
        Gen.Const("null"),
        AnyValue,
        Gen.Select(BadQuantity, q => $$"""{"productId":"{{t.ProductId}}","quantity":{{q}}}"""),
        Gen.Select(AnyValue, id => $$"""{"productId":{{id}},"quantity":1}"""),
        Gen.Const($$"""{"quantity":1}"""),
        Gen.Const($$"""{"productId":"{{t.ProductId}}"}"""));

    /// <summary>An order body that must be refused: bad items, no items, too many, duplicates, unknown products, not JSON.</summary>
    private static Gen<string> OrderBody(HostileTargets t) => Gen.OneOf(
        Gen.Select(Item(t).Array[1, 5], items => $$"""{"items":[{{string.Join(",", items)}}]}"""),
        Gen.Select(AnyValue, v => $$"""{"items":{{v}}}"""),
        Gen.OneOf("{}", "[]", "null", "\"items\"", """{"items":[]}""", """{"Items":null}"""),
        Gen.Const($$"""{"items":[{{string.Join(",", Enumerable.Repeat($$"""{"productId":"{{t.ProductId}}","quantity":1}""", 2))}}]}"""),
        Gen.Int[21, 60].Select(n =>
        {
            var items = Enumerable.Range(0, n).Select(_ => $$"""{"productId":"{{Guid.NewGuid()}}","quantity":1}""");
            return $$"""{"items":[{{string.Join(",", items)}}]}""";
        }),
        Gen.Guid.Select(id => $$"""{"items":[{"productId":"{{id}}","quantity":1}]}"""),
        Gen.Int[65, 5000].Select(Deep),
        Junk);

    private static string Deep(int depth)
        => new StringBuilder().Append('[', depth).Append(']', depth).Insert(0, "{\"items\":").Append('}').ToString();

    private static Gen<HostileRequest> Orders(HostileTargets t) => Gen.OneOf(
        OrderBody(t).Select(body => new HostileRequest("order body", HttpMethod.Post, "/api/orders", body, t.AttackerToken)),
        Gen.Select(Gen.OneOf<string?>(null, "garbage", t.ExpiredToken, t.WronglySignedToken, "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0."),
            Gen.OneOf("/api/orders", $"/api/orders/{t.OthersOrderId}"),
            (token, path) => new HostileRequest("bad token", path == "/api/orders" ? HttpMethod.Post : HttpMethod.Get, path,
                $$"""{"items":[{"productId":"{{t.ProductId}}","quantity":1}]}""", token)),
        Gen.OneOf(HttpMethod.Get,
            HttpMethod.Delete).Select(m => new HostileRequest("another user's order", m, $"/api/orders/{t.OthersOrderId}", null, t.AttackerToken)),
        Gen.Select(Gen.OneOf(Gen.Guid.Select(g => g.ToString()), NotAnId), id =>
            new HostileRequest("unknown order", HttpMethod.Get, $"/api/orders/{id}", null, t.AttackerToken)),
        Gen.Const(new HostileRequest("no Idempotency-Key", HttpMethod.Post, "/api/orders",
            $$"""{"items":[{"productId":"{{t.ProductId}}","quantity":1}]}""", t.AttackerToken, IdempotencyKey: false)),
        Gen.Const(new HostileRequest("not JSON", HttpMethod.Post, "/api/orders", "items=1", t.AttackerToken, ContentType: "text/plain")));

    private static Gen<HostileRequest> Payments(HostileTargets t) => Gen.OneOf(
        Gen.Select(AnyValue, AnyValue, (order, card) => new HostileRequest("payment body", HttpMethod.Post, "/api/payments",
            $$"""{"orderId":{{order}},"cardNumber":{{card}}}""", t.AttackerToken)),
        Gen.Const(new HostileRequest("another user's order", HttpMethod.Post, "/api/payments",
            $$"""{"orderId":"{{t.OthersOrderId}}","cardNumber":"4242424242424242"}""", t.AttackerToken)),
        Gen.Guid.Select(id => new HostileRequest("unknown order", HttpMethod.Post, "/api/payments",
            $$"""{"orderId":"{{id}}","cardNumber":"4242424242424242"}""", t.AttackerToken)),
        Gen.Const(new HostileRequest("another user's payment", HttpMethod.Get, $"/api/payments/{t.OthersPaymentId}", null, t.AttackerToken)));

    private static Gen<HostileRequest> Products(HostileTargets t) => Gen.OneOf(
        Gen.OneOf(
                Gen.Select(Gen.Int[int.MinValue, 0], Gen.Int, (page, size) => (page.ToString(), size.ToString())),
                Gen.Select(Gen.Int, Gen.OneOf(Gen.Int[int.MinValue, 0], Gen.Int[101, int.MaxValue]),
                    (page, size) => (page.ToString(), size.ToString())),
                Gen.Int[1002, int.MaxValue].Select(page => (page.ToString(), "100")),
                Gen.OneOf(("21474838", "100"), ("x", "10"), ("1e3", "10"), ("99999999999", "10"), ("1", "x"), ("1", "99999999999")))
            .Select(query => new HostileRequest("overflowing page", HttpMethod.Get, $"/api/products?page={query.Item1}&pageSize={query.Item2}", null,
                null)),
        Gen.OneOf("state=none", "sort=name", "kind=Gift",
            "sort=%00").Select(q => new HostileRequest("bad filter", HttpMethod.Get, $"/api/products?{q}", null, null)),
        Gen.Select(Gen.OneOf<string?>(null, t.AttackerToken, t.ExpiredToken), Gen.OneOf(
                (HttpMethod.Post, "/api/products"), (HttpMethod.Post, "/api/products/seed"), (HttpMethod.Put, $"/api/products/{t.ProductId}/stock"),
                (HttpMethod.Delete, $"/api/products/{t.ProductId}"), (HttpMethod.Post, $"/api/products/{t.ProductId}/stock/additions")),
            (token, route) => new HostileRequest("catalogue write without admin", route.Item1, route.Item2,
                """{"name":"x","price":1,"stock":1,"quantity":5,"products":5}""", token)),
        Gen.Select(AnyValue, BadAmount, AnyValue, (name, price, stock) => new HostileRequest("bad product (admin)", HttpMethod.Post, "/api/products",
            $$"""{"name":{{name}},"price":{{price}},"stock":{{stock}},"kind":"Regular"}""", t.AdminToken)),
        Gen.OneOf(Gen.Int[int.MinValue, -1],
            Gen.Int[10_000_001, int.MaxValue]).Select(stock => new HostileRequest("bad stock (admin)", HttpMethod.Put,
            $"/api/products/{t.ProductId}/stock", $$"""{"stock":{{stock}}}""", t.AdminToken)),
        BadAmount.Select(n => new HostileRequest("bad seed (admin)", HttpMethod.Post, "/api/products/seed",
            $$"""{"products":{{n}},"stock":1}""", t.AdminToken)));

    private static Gen<HostileRequest> Identity(HostileTargets t) => Gen.OneOf(
        Gen.Select(AnyValue, WeakPassword, (user, password) => new HostileRequest("bad registration", HttpMethod.Post, "/api/identity/users",
            $$"""{"userName":{{user}},"password":{{password}}}""", null)),
        Gen.Select(Gen.OneOf("a", "no spaces allowed", "<script>", new string('a', 300), "\u0000"), name => new HostileRequest("bad user name",
            HttpMethod.Post, "/api/identity/users", $$"""{"userName":"{{name}}","password":"Str0ng-enough!"}""", null)),
        Gen.Const(new HostileRequest("taken user name", HttpMethod.Post, "/api/identity/users",
            """{"userName":"admin","password":"Str0ng-enough!"}""", null)),
        Gen.Select(Junk, p => new HostileRequest("sign-in of nobody", HttpMethod.Post, "/api/identity/token",
            $$"""{"userName":"nobody-{{Guid.NewGuid():N}}","password":{{System.Text.Json.JsonSerializer.Serialize(p)}}}""", null)),
        Gen.Select(AnyValue, r => new HostileRequest("bad refresh token", HttpMethod.Post, "/api/identity/token/refresh",
            $$"""{"refreshToken":{{r}}}""", null)),
        Gen.OneOf<string?>(null, t.ExpiredToken,
            t.WronglySignedToken).Select(token => new HostileRequest("bad token", HttpMethod.Get, "/api/identity/me", null, token)));

    // "/" is the storefront's page (StorefrontTests); the paths probed here serve nothing.
    private static readonly Gen<HostileRequest> Routing = Gen.OneOf(
        Gen.OneOf("/index.php", "/wp-admin/", "/api", "/api/nothing", "/admin", "/api/orders/x/y/z", "/api/reservations", "/.env", "/api/products/../../etc/passwd",
            "/api/identity/users/1")
            .Select(path => new HostileRequest("unknown route", HttpMethod.Get, path, null, null)),
        Gen.OneOf(("PATCH", "/api/products"), ("PUT", "/api/payments"), ("DELETE", "/api/identity/token"), ("PATCH", "/api/identity/users"))
            .Select(r => new HostileRequest("wrong method", new HttpMethod(r.Item1), r.Item2, "{}", null)));

    private static Gen<HostileRequest> Oversize(HostileTargets t) => Gen.Int[65 * 1024, 512 * 1024].Select(size => new HostileRequest("oversize body",
        HttpMethod.Post, "/api/orders", $$"""{"items":[],"pad":"{{new string('x', size)}}"}""", t.AttackerToken));

    public static Gen<HostileRequest> Any(HostileTargets t)
        => Gen.OneOf(Orders(t), Orders(t), Payments(t), Products(t), Identity(t), Routing, Oversize(t));
}
