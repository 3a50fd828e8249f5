namespace FlashSales.AppHost;

internal static class ResourceBuilderSettingsExtensions
{
    /// <summary>Passes an AppHost setting on to a service only when it is set, so the service's own default stays in force otherwise.</summary>
    public static IResourceBuilder<T> WithSetting<T>(this IResourceBuilder<T> builder, string variable, string? value)
        where T : IResourceWithEnvironment =>
        string.IsNullOrEmpty(value) ? builder : builder.WithEnvironment(variable, value);
}
