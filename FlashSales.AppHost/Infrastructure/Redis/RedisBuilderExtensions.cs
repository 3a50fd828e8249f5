using Microsoft.Extensions.DependencyInjection;

namespace FlashSales.AppHost.Infrastructure.Redis;

public static class RedisBuilderExtensions
{
    /// <summary>Aspire's Redis container, or a local redis-server; either way with a health check that sends PING.</summary>
    public static IResourceBuilder<IResourceWithConnectionString> AddFlashSalesRedis(
        this IDistributedApplicationBuilder builder, string name, InfrastructureMode mode)
    {
        if (mode == InfrastructureMode.Containers)
        {
            return builder.AddRedis(name).WithImageTag("7.4");
        }

        var redisServer = LocalInfrastructure.FindProgram("redis-server", "redis-server");
        var resource = new RedisExecutableResource(name, redisServer, builder.DataDirectory(name));

        string? connectionString = null;
        var key = $"{name}_check";
        builder.Services.AddHealthChecks().AddRedis(
            _ => connectionString ?? throw new InvalidOperationException("The Redis endpoint is not allocated yet."), key);
        builder.Eventing.Subscribe<BeforeResourceStartedEvent>(resource, async (_, ct) =>
            connectionString = await resource.ConnectionStringExpression.GetValueAsync(ct));

        return builder.AddResource(resource)
            // Reached directly, not through Aspire's proxy: every statement (or command) would cross it twice.
            .WithEndpoint(name: "tcp", scheme: "tcp", isProxied: false)
            .WithArgs(ctx =>
            {
                ctx.Args.Add("--port");
                ctx.Args.Add(resource.PrimaryEndpoint.Property(EndpointProperty.TargetPort));
                ctx.Args.Add("--bind");
                ctx.Args.Add("127.0.0.1");
                ctx.Args.Add("--save");
                ctx.Args.Add("");
                ctx.Args.Add("--appendonly");
                ctx.Args.Add("no");
            })
            .WithHealthCheck(key);
    }
}
