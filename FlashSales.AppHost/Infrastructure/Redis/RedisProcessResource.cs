namespace FlashSales.AppHost.Infrastructure.Redis;

/// <summary>Debian's redis-server run as a local process in a Redis container's place: loopback only, nothing written to disk.</summary>
public sealed class RedisProcessResource(string name, string redisServer, string workingDirectory, ParameterResource password)
    : ExecutableResource(name, redisServer, workingDirectory), IResourceWithConnectionString
{
    public EndpointReference PrimaryEndpoint => new(this, RedisServerResource.PrimaryEndpointName);

    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create(
            $"{PrimaryEndpoint.Property(EndpointProperty.Host)}:{PrimaryEndpoint.Property(EndpointProperty.Port)},password={password}");
}
