using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting.Internal;
using System.Net;
using System.Net.Http.Json;
using FlashSales.Ordering.Placement;
using FlashSales.ReservationContracts;
using Polly.CircuitBreaker;

namespace FlashSales.UnitTests;

/// <summary>The order service's client for reservations, with its real resilience pipeline and a stub product service.</summary>
public sealed class ProductReservationsResilienceTests
{
    private static readonly ReserveRequest Request = new(Guid.NewGuid(), "u", [new ReserveItem(Guid.NewGuid(), 1)], 60);

    [Fact]
    public async Task Refusals_inside_a_batch_reach_each_order_and_are_never_retried()
    {
        var calls = 0;
        var client = Client(request =>
        {
            Interlocked.Increment(ref calls);
            var batch = request.Content!.ReadFromJsonAsync<ReserveBatchRequest>().GetAwaiter().GetResult()!;
            var answers = batch.Requests.Select((r, i) => i % 2 == 0
                ? ReservationAnswer.Refused(new ReservationRefusal(RefusalCodes.Busy, []))
                : ReservationAnswer.Granted(new ReserveResponse(r.OrderId, [], DateTime.UtcNow)));
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = JsonContent.Create(new ReserveBatchResponse([.. answers])) };
        });
        var requests = Enumerable.Range(0, 3).Select(_ => Request with { OrderId = Guid.NewGuid() }).ToList();

        var answers = await client.ReserveAsync(requests, CancellationToken.None);

        Assert.Equal(1, calls);
        Assert.Equal(RefusalCodes.Busy, answers[0].Refusal?.Code);
        Assert.Equal(requests[1].OrderId, answers[1].Lease?.OrderId);
        Assert.Equal(RefusalCodes.Busy, answers[2].Refusal?.Code);
    }

    [Fact]
    public async Task A_busy_product_service_is_answered_at_once_never_retried_and_never_opens_the_circuit()
    {
        var calls = 0;
        var client = Client(_ =>
        {
            Interlocked.Increment(ref calls);
            return new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        });

        // More than the breaker's minimum throughput, all at once.
        var failures = await Task.WhenAll(Enumerable.Range(0, 150).Select(async _ =>
            await Record.ExceptionAsync(() => client.ReserveAsync([Request], CancellationToken.None))));

        Assert.All(failures, f => Assert.Equal(HttpStatusCode.ServiceUnavailable, Assert.IsType<HttpRequestException>(f).StatusCode));
        Assert.Equal(150, calls);
    }

    [Fact]
    public async Task Failing_calls_are_retried_then_the_open_circuit_is_answered_503_with_retry_after()
    {
        var calls = 0;
        var client = Client(_ =>
        {
            Interlocked.Increment(ref calls);
            throw new HttpRequestException("connection refused");
        });

        var failures = await Task.WhenAll(Enumerable.Range(0, 40).Select(async _ =>
            await Record.ExceptionAsync(() => client.ReserveAsync([Request], CancellationToken.None))));

        Assert.True(calls > 40, $"failed calls are retried ({calls} calls for 40 requests)");
        Assert.Contains(failures, f => f is BrokenCircuitException);
        // Every one of them, open circuit or failed call, is a 503 with Retry-After for the buyer.
        Assert.All(failures, f => Assert.NotNull(DependencyUnavailableExceptionHandler.RetryAfter(f!)));
    }

    private static ProductReservationsClient Client(Func<HttpRequestMessage, HttpResponseMessage> answer)
    {
        var services = new ServiceCollection().AddLogging();
        // The client signs its calls with the order service's credential.
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder()
            .AddInMemoryCollection([new("ServiceAuth:SigningKey", "unit-test-service-signing-key-0123456789abcdef")]).Build());
        services.AddSingleton<IHostEnvironment>(new HostingEnvironment { ApplicationName = "Ordering.Api" });
        services.AddSingleton(TimeProvider.System);
        services.AddProductReservationsClient().ConfigurePrimaryHttpMessageHandler(() => new StubHandler(answer));
        return services.BuildServiceProvider().GetRequiredService<ProductReservationsClient>();
    }

    private sealed class StubHandler(Func<HttpRequestMessage, HttpResponseMessage> answer) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(answer(request));
    }
}
