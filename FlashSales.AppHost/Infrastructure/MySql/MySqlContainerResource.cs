namespace FlashSales.AppHost.Infrastructure.MySql;

/// <summary>MySQL in a container (containers mode), shaped like Aspire.Hosting.MySql's MySqlServerResource.</summary>
public sealed class MySqlContainerResource(string name, ParameterResource password)
    : ContainerResource(name), IMySqlServerResource
{
    public const string Image = "mysql";
    public const string Tag = "9.1";
    public const int Port = 3306;

    public ParameterResource PasswordParameter { get; } = password;

    public List<MySqlDatabaseResource> Databases { get; } = [];

    public EndpointReference PrimaryEndpoint => new(this, "tcp");

    public ReferenceExpression ConnectionStringExpression => MySqlConnectionStrings.Root(PrimaryEndpoint, PasswordParameter);
}
