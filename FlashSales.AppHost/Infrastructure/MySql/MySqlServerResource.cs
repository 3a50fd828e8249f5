namespace FlashSales.AppHost.Infrastructure.MySql;

/// <summary>
/// A MySQL server in a container, shaped like Aspire.Hosting.MySql's resource of the same name, with the databases
/// created on it. Run as a local MariaDB process (<see cref="MySqlBuilderExtensions.RunAsLocalProcess"/>), it hands
/// its endpoint and connection string on to that process.
/// </summary>
public sealed class MySqlServerResource(string name, ParameterResource password) : ContainerResource(name), IResourceWithConnectionString
{
    internal const string PrimaryEndpointName = "tcp";

    /// <summary>root's password: the AppHost's own connection (the tests' and the benchmark's audit).</summary>
    public ParameterResource PasswordParameter { get; } = password;

    public IReadOnlyList<MySqlDatabaseResource> Databases => _databases;

    private readonly List<MySqlDatabaseResource> _databases = [];

    internal void AddDatabase(MySqlDatabaseResource database) => _databases.Add(database);

    /// <summary>The local MariaDB that runs in the container's place, if any.</summary>
    internal MariaDbProcessResource? LocalProcess { get; set; }

    public EndpointReference PrimaryEndpoint => LocalProcess?.PrimaryEndpoint ?? new(this, PrimaryEndpointName);

    public ReferenceExpression ConnectionStringExpression => MySqlConnectionStrings.Root(PrimaryEndpoint, PasswordParameter);
}
