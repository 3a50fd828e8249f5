using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.Timeout;
using FlashSales.Authentication;
using FlashSales.ServiceDefaults;

namespace FlashSales.Ordering.Placement;

public static class ProductReservationsClientSetup
{
    /// <summary>
    /// The client for the product service's reservations, over internal HTTP/2. Reserving is idempotent by order id,
    /// so a failed call (transport error, timeout, 5xx) is retried, a batch as a whole. A 503 is not a failure but an
    /// answer ("busy, try later"): it is neither retried (that would multiply the load that made it busy) nor counted
    /// by the circuit breaker (so a busy moment cannot cut every product off). An order the product service is too
    /// busy for is refused inside the batch's answer, like any other refusal.
    /// A stampede is thousands of reservations at once: they are batched and multiplexed on HTTP/2, not turned away
    /// by a client-side concurrency limit.
    /// </summary>
    public static IHttpClientBuilder AddProductReservationsClient(this IServiceCollection services)
    {
#pragma warning disable EXTEXP0001 // RemoveAllResilienceHandlers: the supported way to replace the default handler
        var client = services.AddHttpClient<ProductReservationsClient>(c => c.BaseAddress = InternalHttp2.Address("product"))
            .UseHttp2()
            .AddServiceCredential()
            .RemoveAllResilienceHandlers();
        client.AddStandardResilienceHandler(o =>
        {
            o.RateLimiter.DefaultRateLimiterOptions.PermitLimit = 100_000;
            o.AttemptTimeout.Timeout = TimeSpan.FromSeconds(30);
            o.CircuitBreaker.SamplingDuration = TimeSpan.FromSeconds(60);
            o.TotalRequestTimeout.Timeout = TimeSpan.FromSeconds(90);
            o.Retry.ShouldHandle = args => ValueTask.FromResult(CallFailed(args.Outcome));
            o.CircuitBreaker.ShouldHandle = args => ValueTask.FromResult(CallFailed(args.Outcome));
        });
        return client;
#pragma warning restore EXTEXP0001
    }

    public static bool CallFailed(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException or TimeoutRejectedException } => true,
        { Result: { } response } => (int)response.StatusCode >= 500 && response.StatusCode != HttpStatusCode.ServiceUnavailable,
        _ => false,
    };
}
