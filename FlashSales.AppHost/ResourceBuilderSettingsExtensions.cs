using Microsoft.Extensions.Configuration;
using FlashSales.AppHost.Infrastructure;

namespace FlashSales.AppHost;

internal static class ResourceBuilderSettingsExtensions
{
    /// <summary>Passes an AppHost setting on to a service only when it is set, so the service's own default stays in force otherwise.</summary>
    public static IResourceBuilder<T> WithSetting<T>(this IResourceBuilder<T> builder, string variable, string? value)
        where T : IResourceWithEnvironment =>
        string.IsNullOrEmpty(value) ? builder : builder.WithEnvironment(variable, value);

    /// <summary>
    /// Every key of an AppHost configuration section passed on (e.g. RateLimits:PerUser:TokenLimit →
    /// RateLimits__PerUser__TokenLimit).
    /// </summary>
    public static IResourceBuilder<T> WithSettingsSection<T>(this IResourceBuilder<T> builder, string section, IConfiguration configuration)
        where T : IResourceWithEnvironment
    {
        foreach (var (key, value) in configuration.GetSection(section).AsEnumerable())
        {
            if (value is not null) builder.WithEnvironment(key.Replace(":", "__"), value);
        }
        return builder;
    }

    /// <summary>
    /// What a service needs to validate shoppers' access tokens and the services' credentials, and to sign its own
    /// credential: the two signing keys.
    /// </summary>
    public static IResourceBuilder<T> WithTokenValidation<T>(
        this IResourceBuilder<T> builder, IResourceBuilder<ParameterResource> userKey, IResourceBuilder<ParameterResource> serviceKey)
        where T : IResourceWithEnvironment =>
        builder.WithEnvironment("Jwt__SigningKey", userKey).WithEnvironment("ServiceAuth__SigningKey", serviceKey);

    /// <summary>
    /// The endpoint the service's own callers use: cleartext HTTP/2 (see the service defaults' InternalHttp2). Found
    /// by service discovery as http://_h2c.&lt;name&gt;. Reached directly (no hop through Aspire's proxy) unless the
    /// service runs several replicas, which only the proxy can put behind one address. Published, it is the container's
    /// port 8081 (each service's project declares it).
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithInternalHttp2Endpoint(this IResourceBuilder<ProjectResource> builder, int replicas = 1) =>
        builder.WithHttpEndpoint(
            name: "h2c",
            env: "H2C_PORT",
            targetPort: builder.ApplicationBuilder.ExecutionContext.IsPublishMode ? PublishedHttp2Port : null,
            isProxied: replicas > 1);

    private const int PublishedHttp2Port = 8081;

    /// <summary>
    /// Telemetry:TracesPerSecond passed on; Telemetry:Export=false (the benchmark, which runs no dashboard) leaves the
    /// services without an OTLP endpoint, so they do not spend CPU retrying exports nobody receives.
    /// </summary>
    public static IResourceBuilder<T> WithTelemetrySettings<T>(this IResourceBuilder<T> builder, IConfiguration configuration)
        where T : IResourceWithEnvironment
    {
        builder.WithSetting("Telemetry__TracesPerSecond", configuration["Telemetry:TracesPerSecond"]);
        return configuration.GetValue("Telemetry:Export", true) ? builder : builder.WithEnvironment("OTEL_EXPORTER_OTLP_ENDPOINT", "");
    }

    /// <summary>A service's own database, Redis and Kafka, each referenced and waited for.</summary>
    public static IResourceBuilder<ProjectResource> WithBackingServices(this IResourceBuilder<ProjectResource> builder,
        BackingServices backing, IResourceBuilder<IResourceWithConnectionString> database) =>
        builder.WithReference(database).WaitFor(database)
            .WithReference(backing.Redis).WaitFor(backing.Redis)
            .WithReference(backing.Kafka).WaitFor(backing.Kafka);
}
