using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace FlashSales.UnitTests;

public sealed class BadRequestExceptionHandlerTests
{
    [Theory]
    [InlineData(400)]
    [InlineData(413)]
    public async Task Unreadable_input_is_its_own_4xx_problem_logged_at_information_not_error(int status)
    {
        var log = new RecordingLoggerProvider();
        var services = new ServiceCollection().AddLogging(l => l.AddProvider(log)).AddProblemDetails();
        services.AddSingleton<BadRequestExceptionHandler>();
        await using var provider = services.BuildServiceProvider();
        var context = new DefaultHttpContext { RequestServices = provider };
        context.Response.Body = new MemoryStream();

        var handled = await provider.GetRequiredService<BadRequestExceptionHandler>()
            .TryHandleAsync(context,
                new BadHttpRequestException("Failed to read parameter \"PlaceOrderRequest request\" from the request body as JSON.", status),
                    CancellationToken.None);

        Assert.True(handled);
        Assert.Equal(status, context.Response.StatusCode);
        Assert.StartsWith("application/problem+json", context.Response.ContentType);
        Assert.Equal([LogLevel.Information], log.Levels);
        Assert.False(await provider.GetRequiredService<BadRequestExceptionHandler>()
            .TryHandleAsync(new DefaultHttpContext { RequestServices = provider }, new InvalidOperationException("a bug"), CancellationToken.None));
    }

    private sealed class RecordingLoggerProvider : ILoggerProvider, ILogger
    {
        public List<LogLevel> Levels { get; } = [];
        public ILogger CreateLogger(string categoryName) => this;
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            => Levels.Add(logLevel);
        public void Dispose() { }
    }
}
