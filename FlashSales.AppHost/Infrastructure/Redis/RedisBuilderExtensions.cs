using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FlashSales.AppHost.Infrastructure.Redis;

/// <summary>
/// A Redis container with a generated password and bounded memory, and <see cref="RunAsLocalProcess"/> for machines
/// without a container engine. Aspire.Hosting.Redis has no local alternative, so this stands in for it.
/// </summary>
public static class RedisBuilderExtensions
{
    private const int RedisPort = 6379;

    /// <summary>
    /// When Redis is full it evicts only keys with a time to live (order markers, whose loss costs a database lookup),
    /// soonest to expire first, and never the stock counters (which have none): a write that would need a counter's
    /// memory fails instead.
    /// </summary>
    public const string MaxMemoryPolicy = "volatile-ttl";

    /// <param name="maxMemory">Redis's memory bound (e.g. 1gb); 1gb when null.</param>
    /// <param name="port">The host port in containers mode; a free one when null.</param>
    public static IResourceBuilder<RedisServerResource> AddRedis(
        this IDistributedApplicationBuilder builder, [ResourceName] string name, string? maxMemory = null, int? port = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);

        var password = ParameterResourceBuilderExtensions.CreateDefaultPasswordParameter(builder, $"{name}-password", special: false);
        var redis = new RedisServerResource(name, password, maxMemory ?? "1gb");
        var key = $"{name}_check";
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(key, _ => new RedisHealthCheck(redis), null, null));

        return builder.AddResource(redis)
            .WithImage(ContainerImages.Redis, ContainerImages.RedisTag)
            .WithImageRegistry(ContainerImages.Registry)
            .WithEndpoint(port: port, targetPort: RedisPort, name: RedisServerResource.PrimaryEndpointName, scheme: "tcp")
            // The password comes from the environment, not the command line, so neither the manifest nor ps shows it.
            .WithEnvironment("REDIS_PASSWORD", password)
            .WithEntrypoint("/bin/sh")
            .WithArgs(ctx =>
            {
                ctx.Args.Add("-c");
                // The image's entrypoint drops from root to its redis user.
                ctx.Args.Add("exec docker-entrypoint.sh redis-server --requirepass \"$REDIS_PASSWORD\" --save '' --appendonly no " +
                    MemoryArguments(redis));
            })
            .WithHealthCheck(key);
    }

    /// <summary>
    /// Runs the server as Debian's redis-server on an Aspire-assigned port bound to 127.0.0.1 instead of the container;
    /// nothing changes when publishing.
    /// </summary>
    public static IResourceBuilder<RedisServerResource> RunAsLocalProcess(this IResourceBuilder<RedisServerResource> redis)
    {
        ArgumentNullException.ThrowIfNull(redis);
        var builder = redis.ApplicationBuilder;
        if (builder.ExecutionContext.IsPublishMode) return redis;

        var redisServer = LocalInfrastructure.FindProgram("redis-server", "redis-server");
        var process = new RedisProcessResource(redis.Resource.Name, redisServer, builder.DataDirectory(redis.Resource.Name),
            redis.Resource.PasswordParameter);
        redis.Resource.LocalProcess = process;
        LocalProcess.Replace(redis, process)
            // Reached directly, not through Aspire's proxy: every command would cross it twice.
            .WithEndpoint(name: RedisServerResource.PrimaryEndpointName, scheme: "tcp", isProxied: false)
            .WithArgs(async ctx =>
            {
                // The password goes in a file only this user can read, not on the command line where ps shows it.
                var configFile = Path.Combine(process.WorkingDirectory, "redis.conf");
                var password = await redis.Resource.PasswordParameter.GetValueAsync(ctx.CancellationToken);
                await File.WriteAllTextAsync(configFile, $"requirepass {password}\n", ctx.CancellationToken);
                if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(configFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
                ctx.Args.Add(configFile);
                ctx.Args.Add("--port");
                ctx.Args.Add(process.PrimaryEndpoint.Property(EndpointProperty.TargetPort));
                ctx.Args.Add("--bind");
                ctx.Args.Add("127.0.0.1");
                ctx.Args.Add("--save");
                ctx.Args.Add("");
                ctx.Args.Add("--appendonly");
                ctx.Args.Add("no");
                foreach (var argument in MemoryArguments(redis.Resource).Split(' ')) ctx.Args.Add(argument);
            });
        return redis;
    }

    private static string MemoryArguments(RedisServerResource redis) =>
        $"--maxmemory {redis.MaxMemory} --maxmemory-policy {MaxMemoryPolicy}";
}
