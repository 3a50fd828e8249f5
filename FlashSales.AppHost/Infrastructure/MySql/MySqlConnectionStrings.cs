namespace FlashSales.AppHost.Infrastructure.MySql;

internal static class MySqlConnectionStrings
{
    public static ReferenceExpression Root(EndpointReference endpoint, ParameterResource password) =>
        ReferenceExpression.Create(
            $"Server={endpoint.Property(EndpointProperty.Host)};Port={endpoint.Property(EndpointProperty.Port)};User ID=root;Password={password}");

    public static ReferenceExpression For(EndpointReference endpoint, string user, ParameterResource password, string database) =>
        ReferenceExpression.Create(
            $"Server={endpoint.Property(EndpointProperty.Host)};Port={endpoint.Property(EndpointProperty.Port)};" +
            $"User ID={user};Password={password};Database={database}");
}
