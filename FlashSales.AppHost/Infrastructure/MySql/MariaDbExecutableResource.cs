namespace FlashSales.AppHost.Infrastructure.MySql;

/// <summary>Debian's mariadbd run as a local process (local mode), with its data directory under the AppHost's data folder.</summary>
public sealed class MariaDbExecutableResource(string name, string mariadbd, string dataDirectory, ParameterResource password)
    : ExecutableResource(name, mariadbd, dataDirectory), IMySqlServerResource
{
    public string DataDirectory { get; } = dataDirectory;

    public ParameterResource PasswordParameter { get; } = password;

    public List<MySqlDatabaseResource> Databases { get; } = [];

    public EndpointReference PrimaryEndpoint => new(this, "tcp");

    public ReferenceExpression ConnectionStringExpression => MySqlConnectionStrings.Root(PrimaryEndpoint, PasswordParameter);
}
