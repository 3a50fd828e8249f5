namespace FlashSales.AppHost.Infrastructure.Redis;

/// <summary>Debian's redis-server run as a local process (local mode): no password, loopback only, nothing written to disk.</summary>
public sealed class RedisExecutableResource(string name, string redisServer, string workingDirectory)
    : ExecutableResource(name, redisServer, workingDirectory), IResourceWithConnectionString
{
    public EndpointReference PrimaryEndpoint => new(this, "tcp");

    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"{PrimaryEndpoint.Property(EndpointProperty.Host)}:{PrimaryEndpoint.Property(EndpointProperty.Port)}");
}
