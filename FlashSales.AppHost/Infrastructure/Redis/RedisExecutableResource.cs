namespace FlashSales.AppHost.Infrastructure.Redis;

/// <summary>Debian's redis-server run as a local process (local mode): password required, loopback only, nothing written to disk.</summary>
public sealed class RedisExecutableResource(string name, string redisServer, string workingDirectory, ParameterResource password)
    : ExecutableResource(name, redisServer, workingDirectory), IResourceWithConnectionString
{
    public ParameterResource PasswordParameter { get; } = password;

    public EndpointReference PrimaryEndpoint => new(this, "tcp");

    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"{PrimaryEndpoint.Property(EndpointProperty.Host)}:{PrimaryEndpoint.Property(EndpointProperty.Port)},password={PasswordParameter}");
}
