namespace FlashSales.AppHost.Infrastructure.MySql;

/// <summary>
/// One service's database on a MySQL server, with a user of its own that has rights on this database only. Its
/// connection string names that user, never root.
/// </summary>
public sealed class MySqlDatabaseResource(string name, string databaseName, MySqlServerResource parent, ParameterResource password)
    : Resource(name), IResourceWithParent<MySqlServerResource>, IResourceWithConnectionString
{
    public string DatabaseName { get; } = databaseName;

    public string UserName => $"{DatabaseName}_user";

    public ParameterResource PasswordParameter { get; } = password;

    public MySqlServerResource Parent { get; } = parent;

    public ReferenceExpression ConnectionStringExpression =>
        MySqlConnectionStrings.For(Parent.PrimaryEndpoint, UserName, PasswordParameter, DatabaseName);
}
