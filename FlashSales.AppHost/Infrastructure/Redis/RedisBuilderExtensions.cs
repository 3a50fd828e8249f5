using Microsoft.Extensions.DependencyInjection;

namespace FlashSales.AppHost.Infrastructure.Redis;

public static class RedisBuilderExtensions
{
    /// <summary>
    /// When Redis is full it evicts only keys with a time to live (order markers, whose loss costs a database lookup),
    /// soonest to expire first, and never the stock counters (which have none): a write that would need a counter's
    /// memory fails instead. Redis:MaxMemory sets the bound (default 1gb).
    /// </summary>
    public const string MaxMemoryPolicy = "volatile-ttl";

    /// <summary>
    /// Aspire's Redis container (which sets a generated password), or a local redis-server with a generated password;
    /// either way with a health check that sends PING, and bounded memory (<see cref="MaxMemoryPolicy"/>).
    /// </summary>
    public static IResourceBuilder<IResourceWithConnectionString> AddFlashSalesRedis(
        this IDistributedApplicationBuilder builder, string name, InfrastructureMode mode)
    {
        var maxMemory = builder.Configuration["Redis:MaxMemory"] ?? "1gb";
        if (mode == InfrastructureMode.Containers)
        {
            // Aspire's container runs `/bin/sh -c "redis-server ..."`: the bound joins that command line.
            return builder.AddRedis(name).WithImageTag("7.4").WithArgs(ctx =>
            {
                if (ctx.Args is [.., string command] && command.StartsWith("redis-server", StringComparison.Ordinal))
                {
                    ctx.Args[^1] = $"{command} --maxmemory {maxMemory} --maxmemory-policy {MaxMemoryPolicy}";
                }
            });
        }

        var redisServer = LocalInfrastructure.FindProgram("redis-server", "redis-server");
        var password = ParameterResourceBuilderExtensions.CreateDefaultPasswordParameter(builder, $"{name}-password", special: false);
        var resource = new RedisExecutableResource(name, redisServer, builder.DataDirectory(name), password);

        string? connectionString = null;
        var key = $"{name}_check";
        builder.Services.AddHealthChecks().AddRedis(
            _ => connectionString ?? throw new InvalidOperationException("The Redis endpoint is not allocated yet."), key);
        builder.Eventing.Subscribe<BeforeResourceStartedEvent>(resource, async (_, ct) =>
            connectionString = await resource.ConnectionStringExpression.GetValueAsync(ct));

        return builder.AddResource(resource)
            // Reached directly, not through Aspire's proxy: every statement (or command) would cross it twice.
            .WithEndpoint(name: "tcp", scheme: "tcp", isProxied: false)
            .WithArgs(async ctx =>
            {
                // The password goes in a file only this user can read, not on the command line where ps shows it.
                var configFile = Path.Combine(resource.WorkingDirectory, "redis.conf");
                await File.WriteAllTextAsync(configFile, $"requirepass {await password.GetValueAsync(ctx.CancellationToken)}\n", ctx.CancellationToken);
                if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(configFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
                ctx.Args.Add(configFile);
                ctx.Args.Add("--port");
                ctx.Args.Add(resource.PrimaryEndpoint.Property(EndpointProperty.TargetPort));
                ctx.Args.Add("--bind");
                ctx.Args.Add("127.0.0.1");
                ctx.Args.Add("--save");
                ctx.Args.Add("");
                ctx.Args.Add("--appendonly");
                ctx.Args.Add("no");
                ctx.Args.Add("--maxmemory");
                ctx.Args.Add(maxMemory);
                ctx.Args.Add("--maxmemory-policy");
                ctx.Args.Add(MaxMemoryPolicy);
            })
            .WithHealthCheck(key);
    }
}
