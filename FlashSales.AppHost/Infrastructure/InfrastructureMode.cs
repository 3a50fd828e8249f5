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
}

public static class InfrastructureModeExtensions
{
    /// <summary>
    /// Reads Infrastructure:Mode (auto | local | containers) when running; containers when publishing. Auto picks
    /// containers only when a container engine answers: an AppHost holding a container resource with no engine never
    /// becomes healthy, so the mode is chosen up front.
    /// </summary>
    public static InfrastructureMode GetInfrastructureMode(this IDistributedApplicationBuilder builder)
    {
        if (builder.ExecutionContext.IsPublishMode) return InfrastructureMode.Containers;
        var configured = builder.Configuration["Infrastructure:Mode"] ?? "auto";
        return configured.Trim().ToLowerInvariant() switch
        {
            "local" => InfrastructureMode.Local,
            "containers" => InfrastructureMode.Containers,
            "auto" => ContainerEngineAnswers(builder.Configuration["ASPIRE_CONTAINER_RUNTIME"] ?? "docker")
                ? InfrastructureMode.Containers
                : InfrastructureMode.Local,
            _ => throw new DistributedApplicationException(
                $"Infrastructure:Mode is '{configured}'; use auto, local or containers."),
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
