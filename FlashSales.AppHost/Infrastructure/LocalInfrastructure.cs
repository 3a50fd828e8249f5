namespace FlashSales.AppHost.Infrastructure;

/// <summary>Where local-mode servers keep their data, and how their programs are found.</summary>
public static class LocalInfrastructure
{
    /// <summary>Infrastructure:DataDirectory, by default the git-ignored .data folder beside the AppHost.</summary>
    public static string DataDirectory(this IDistributedApplicationBuilder builder, string resourceName)
    {
        var root = builder.Configuration["Infrastructure:DataDirectory"] is { Length: > 0 } configured
            ? Path.GetFullPath(configured, builder.AppHostDirectory)
            : Path.Combine(builder.AppHostDirectory, ".data");
        var directory = Path.Combine(root, resourceName);
        Directory.CreateDirectory(directory);
        return directory;
    }

    /// <summary>The full path of a server program, or an error that names the Debian package to install.</summary>
    public static string FindProgram(string program, string debianPackage)
    {
        var searchPath = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/usr/sbin", "/usr/local/sbin", "/usr/bin", "/sbin"]);
        return searchPath.Select(dir => Path.Combine(dir, program)).FirstOrDefault(File.Exists)
            ?? throw new DistributedApplicationException(
                $"'{program}' was not found. Local infrastructure mode needs Debian's {debianPackage} " +
                $"(apt-get install -y {debianPackage}), or run with Infrastructure:Mode=containers on a machine with Docker.");
    }
}
