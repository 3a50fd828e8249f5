using System.Diagnostics;

namespace FlashSales.AppHost.Infrastructure;

/// <summary>
/// How MySQL, Redis and Kafka run. Services never see it: they only get connection strings. Publishing always describes
/// the containers.
/// </summary>
public enum InfrastructureMode
{
    /// <summary>Debian's mariadbd and redis-server as executables, and librdkafka's mock cluster for Kafka.</summary>
    Local,

    /// <summary>mysql, redis and kafka container images, for machines with a container engine and for deployment.</summary>
    Containers,

    /// <summary>
    /// Servers that already exist, e.g. Azure's managed ones: a connection string each (ConnectionStrings:productdb,
    /// orderdb, paymentdb, identitydb, redis, kafka), published as secret parameters.
    /// </summary>
    Existing,
}

public static class InfrastructureModeExtensions
{
    /// <summary>
    /// Reads Infrastructure:Mode (auto | local | containers | existing); auto and local publish as containers. Auto picks
    /// containers only when a container engine answers: an AppHost holding a container resource with no engine never
    /// becomes healthy, so the mode is chosen up front.
    /// </summary>
    public static InfrastructureMode GetInfrastructureMode(this IDistributedApplicationBuilder builder)
    {
        var configured = (builder.Configuration["Infrastructure:Mode"] ?? "auto").Trim().ToLowerInvariant();
        if (builder.ExecutionContext.IsPublishMode) return configured == "existing" ? InfrastructureMode.Existing : InfrastructureMode.Containers;
        return configured switch
        {
            "local" => InfrastructureMode.Local,
            "existing" => InfrastructureMode.Existing,
            "containers" => InfrastructureMode.Containers,
            "auto" => ContainerEngineAnswers(builder.Configuration["ASPIRE_CONTAINER_RUNTIME"] ?? "docker")
                ? InfrastructureMode.Containers
                : InfrastructureMode.Local,
            _ => throw new DistributedApplicationException(
                $"Infrastructure:Mode is '{configured}'; use auto, local, containers or existing."),
        };
    }

    private static bool ContainerEngineAnswers(string runtime)
    {
        try
        {
            using var info = Process.Start(new ProcessStartInfo(runtime, "info")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            });
            if (info is null) return false;
            if (!info.WaitForExit(TimeSpan.FromSeconds(10)))
            {
                info.Kill(entireProcessTree: true);
                return false;
            }
            return info.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false; // no such program
        }
    }
}
