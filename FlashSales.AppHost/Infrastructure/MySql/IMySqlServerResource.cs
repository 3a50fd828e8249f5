namespace FlashSales.AppHost.Infrastructure.MySql;

/// <summary>A MySQL-protocol server, whichever way it runs, with the databases created on it once it is ready.</summary>
public interface IMySqlServerResource : IResourceWithConnectionString
{
    /// <summary>root's password: the AppHost's own connection (creating databases and users, the benchmark's audit).</summary>
    ParameterResource PasswordParameter { get; }

    EndpointReference PrimaryEndpoint { get; }

    List<MySqlDatabaseResource> Databases { get; }
}
