namespace FlashSales.AppHost.Infrastructure.MySql;

/// <summary>Debian's mariadbd run as a local process in a MySQL container's place, with its data under the AppHost's data folder.</summary>
public sealed class MariaDbProcessResource(string name, string mariadbd, string home, ParameterResource password)
    : ExecutableResource(name, mariadbd, home), IResourceWithConnectionString
{
    public EndpointReference PrimaryEndpoint => new(this, MySqlServerResource.PrimaryEndpointName);

    public ReferenceExpression ConnectionStringExpression => MySqlConnectionStrings.Root(PrimaryEndpoint, password);
}
