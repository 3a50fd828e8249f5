namespace FlashSales.AppHost.Infrastructure.MySql;

/// <summary>One service's database on a MySQL server; its connection string is the server's plus the database.</summary>
public sealed class MySqlDatabaseResource(string name, string databaseName, IMySqlServerResource parent)
    : Resource(name), IResourceWithParent<IMySqlServerResource>, IResourceWithConnectionString
{
    public string DatabaseName { get; } = databaseName;

    public IMySqlServerResource Parent { get; } = parent;

    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"{Parent};Database={DatabaseName}");
}
