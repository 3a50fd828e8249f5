namespace FlashSales.AppHost.Infrastructure.Redis;

/// <summary>
/// A Redis server in a container with a password, shaped like Aspire.Hosting.Redis's RedisResource. Run as a local
/// process (<see cref="RedisBuilderExtensions.RunAsLocalProcess"/>), it hands its endpoint on to that process.
/// </summary>
public sealed class RedisServerResource(string name, ParameterResource password, string maxMemory)
    : ContainerResource(name), IResourceWithConnectionString
{
    internal const string PrimaryEndpointName = "tcp";

    public ParameterResource PasswordParameter { get; } = password;

    /// <summary>Redis's memory bound (maxmemory), e.g. 1gb.</summary>
    public string MaxMemory { get; } = maxMemory;

    /// <summary>The local redis-server that runs in the container's place, if any.</summary>
    internal RedisProcessResource? LocalProcess { get; set; }

    public EndpointReference PrimaryEndpoint => LocalProcess?.PrimaryEndpoint ?? new(this, PrimaryEndpointName);

    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create(
            $"{PrimaryEndpoint.Property(EndpointProperty.Host)}:{PrimaryEndpoint.Property(EndpointProperty.Port)},password={PasswordParameter}");
}
