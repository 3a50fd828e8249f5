using Microsoft.AspNetCore.Http;
using Polly.CircuitBreaker;

namespace FlashSales.UnitTests;

public sealed class DependencyUnavailableExceptionHandlerTests
{
    [Fact]
    public async Task An_unavailable_dependency_is_answered_503_problem_details_with_retry_after()
    {
        var services = new ServiceCollection().AddLogging().AddProblemDetails();
        services.AddSingleton<DependencyUnavailableExceptionHandler>();
        await using var provider = services.BuildServiceProvider();
        var context = new DefaultHttpContext { RequestServices = provider };
        context.Response.Body = new MemoryStream();

        var handled = await provider.GetRequiredService<DependencyUnavailableExceptionHandler>()
            .TryHandleAsync(context, new BrokenCircuitException("open", TimeSpan.FromSeconds(4)), CancellationToken.None);

        Assert.True(handled);
        Assert.Equal(503, context.Response.StatusCode);
        Assert.Equal("4", context.Response.Headers.RetryAfter.ToString());
        Assert.StartsWith("application/problem+json", context.Response.ContentType);
        Assert.False(await provider.GetRequiredService<DependencyUnavailableExceptionHandler>()
            .TryHandleAsync(new DefaultHttpContext { RequestServices = provider }, new InvalidOperationException("a bug"), CancellationToken.None));
    }

    [Fact]
    public void A_database_error_a_retry_can_cure_is_a_503_and_any_other_is_not()
    {
        Assert.Equal(TimeSpan.FromSeconds(1),
            DependencyUnavailableExceptionHandler.RetryAfter(new InvalidOperationException("saving failed", new DatabaseError(transient: true))));
        Assert.Null(DependencyUnavailableExceptionHandler.RetryAfter(new InvalidOperationException("saving failed",
            new DatabaseError(transient: false))));
    }

    [Fact]
    public void A_connection_that_broke_mid_statement_is_a_503()
    {
        Assert.Equal(TimeSpan.FromSeconds(1), DependencyUnavailableExceptionHandler.RetryAfter(
            new InvalidOperationException("reading failed", new EndOfStreamException("the server closed the connection"))));
        Assert.Equal(TimeSpan.FromSeconds(1), DependencyUnavailableExceptionHandler.RetryAfter(
            new DatabaseError(transient: false, new System.Net.Sockets.SocketException(111))));
    }

    private sealed class DatabaseError(bool transient, Exception? inner = null) : System.Data.Common.DbException("database error", inner)
    {
        public override bool IsTransient => transient;
    }
}
