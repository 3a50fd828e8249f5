using System.Threading.RateLimiting;
using FlashSales.Authentication;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace FlashSales.Gateway.RateLimiting;

/// <summary>
/// The gateway's limits, chained on every request: the global concurrency limit, then a token bucket per client IP on
/// the sign-in endpoints (whatever token is sent), per signed-in user elsewhere (per client IP when anonymous), then
/// at most N orders in flight per user.
/// A rejection is a 429 ProblemDetails with Retry-After, logged at Debug (a flood must not flood the logs).
/// </summary>
public static class GatewayRateLimiting
{
    public static IServiceCollection AddGatewayRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<RateLimitOptions>(configuration.GetSection(RateLimitOptions.Section));
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitOptions>>((options, limits) =>
        {
            var l = limits.Value;
            options.GlobalLimiter = PartitionedRateLimiter.CreateChained(Global(l), PerCaller(l), OrdersInFlight(l));
            options.OnRejected = RejectAsync;
        });
        return services;
    }

    // Live streams stay open as long as a page does: they would hold a permit each for minutes, so they are counted by
    // the services that serve them (each caps its watchers), not here.
    private static PartitionedRateLimiter<HttpContext> Global(RateLimitOptions l) => PartitionedRateLimiter.Create<HttpContext, string>(context =>
        IsProbe(context) || IsLiveStream(context)
            ? RateLimitPartition.GetNoLimiter("unlimited")
            : RateLimitPartition.GetConcurrencyLimiter("all",
                _ => new ConcurrencyLimiterOptions { PermitLimit = l.GlobalConcurrency, QueueLimit = 0 }));

    private static PartitionedRateLimiter<HttpContext> PerCaller(RateLimitOptions l) => PartitionedRateLimiter.Create<HttpContext, string>(context =>
    {
        if (IsProbe(context)) return RateLimitPartition.GetNoLimiter("probe");
        var ip = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        // Per address whatever the request carries: a token (anyone's) must not buy a guesser a bucket of its own.
        if (IsSignIn(context)) return RateLimitPartition.GetTokenBucketLimiter($"sign-in:{ip}", _ => Bucket(l.SignInPerIp));
        return UserOf(context) is { } user
            ? RateLimitPartition.GetTokenBucketLimiter($"user:{user}", _ => Bucket(l.PerUser))
            : RateLimitPartition.GetTokenBucketLimiter($"ip:{ip}", _ => Bucket(l.PerIp));
    });

    private static PartitionedRateLimiter<HttpContext> OrdersInFlight(RateLimitOptions l)
        => PartitionedRateLimiter.Create<HttpContext, string>(context =>
        HttpMethods.IsPost(context.Request.Method) && context.Request.Path.StartsWithSegments("/api/orders") && UserOf(context) is { } user
            ? RateLimitPartition.GetConcurrencyLimiter($"orders:{user}",
                _ => new ConcurrencyLimiterOptions { PermitLimit = l.OrdersInFlightPerUser, QueueLimit = 0 })
            : RateLimitPartition.GetNoLimiter("other"));

    private static TokenBucketRateLimiterOptions Bucket(RateLimitOptions.TokenBucket b) => new()
    {
        TokenLimit = b.TokenLimit,
        TokensPerPeriod = b.TokensPerPeriod,
        ReplenishmentPeriod = b.Period,
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    private static string? UserOf(HttpContext context) =>
        context.User.Identity?.IsAuthenticated == true ? context.User.FindFirst(FlashSalesClaims.Subject)?.Value : null;

    private static bool IsSignIn(HttpContext context) =>
        HttpMethods.IsPost(context.Request.Method) && context.Request.Path.StartsWithSegments("/api/identity");

    private static bool IsLiveStream(HttpContext context) =>
        HttpMethods.IsGet(context.Request.Method) && context.Request.Path.Value?.EndsWith("/live", StringComparison.Ordinal) == true;

    private static bool IsProbe(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/health") || context.Request.Path.StartsWithSegments("/alive");

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken ct)
    {
        var context = rejected.HttpContext;
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromSeconds(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(GatewayRateLimiting))
            .LogDebug("{Method} {Path} rate limited; retry after {Seconds} s", context.Request.Method, context.Request.Path, seconds);

        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = seconds.ToString();
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests",
                Detail = $"Slow down: retry after {seconds} s.",
            },
        });
    }
}
