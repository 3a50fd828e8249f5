namespace FlashSales.AppHost.Infrastructure.MySql;

/// <summary>A MySQL-protocol server, whichever way it runs, with the databases created on it once it is ready.</summary>
public interface IMySqlServerResource : IResourceWithConnectionString
{
    ParameterResource PasswordParameter { get; }

    List<MySqlDatabaseResource> Databases { get; }
}
