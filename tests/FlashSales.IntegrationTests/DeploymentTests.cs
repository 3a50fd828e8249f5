using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace FlashSales.IntegrationTests;

/// <summary>
/// What a deployment gets: the manifest the AppHost publishes (as azd reads it, published here without Docker, as CI
/// runs it), the services' container image settings, and the guide that names the same command.
/// </summary>
public sealed partial class DeploymentTests
{
    /// <summary>The command docs/deploy.md gives; the test runs it on the build it already has.</summary>
    private const string PublishCommand = "dotnet run --project FlashSales.AppHost -- --publisher manifest --output-path manifest.json";

    private static readonly string[] Services = ["identity", "product", "order", "payment", "gateway"];
    private static readonly string[] Databases = ["productdb", "orderdb", "paymentdb", "identitydb"];
    private static readonly Lazy<Task<Manifest>> Published = new(() => PublishAsync());

    [Fact]
    public async Task Every_service_is_a_project_and_every_backing_service_a_container_with_a_pinned_image()
    {
        var manifest = await Published.Value;

        foreach (var service in Services) Assert.Matches("^project\\.v[01]$", manifest.Type(service));
        foreach (var database in Databases)
        {
            Assert.Equal("value.v0", manifest.Type(database));
            Assert.Contains("{mysql.bindings.tcp.", manifest.Resource(database)["connectionString"]!.GetValue<string>());
        }
        foreach (var (server, volume) in new[] { ("mysql", "/var/lib/mysql"), ("redis", null), ("kafka", "/var/lib/kafka/data") })
        {
            Assert.Equal("container.v0", manifest.Type(server));
            Assert.Matches(@"^docker\.io/[a-z]+/[a-z]+:\d+\.\d+\.\d+$", manifest.Resource(server)["image"]!.GetValue<string>());
            if (volume is not null)
            {
                Assert.Contains(manifest.Resource(server)["volumes"]!.AsArray(), v => v!["target"]!.GetValue<string>() == volume);
            }
        }
        Assert.DoesNotContain(manifest.Resources, r => r.Value!["type"]!.GetValue<string>() == "executable.v0");
    }

    [Fact]
    public async Task Nothing_of_the_build_machine_is_in_it_and_every_project_path_is_inside_the_repository()
    {
        var manifest = await Published.Value;
        // The checkout, the user's home, the local servers' programs and their data folder (paths inside an image, such
        // as the MySQL container's /var/lib/mysql, are the image's own).
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var machinePaths = new[] { RepositoryRoot, home, "/usr/sbin/", "/usr/bin/", ".data" };

        foreach (var text in manifest.Strings())
        {
            var found = machinePaths.FirstOrDefault(p => p.Length > 1 && text.Contains(p, StringComparison.Ordinal));
            Assert.True(found is null, $"'{found}' in: {text}");
        }
        foreach (var service in Services)
        {
            var path = manifest.Resource(service)["path"]!.GetValue<string>();
            Assert.False(Path.IsPathRooted(path), path);
            var project = Path.GetFullPath(Path.Combine(manifest.Directory, path));
            Assert.StartsWith(RepositoryRoot + Path.DirectorySeparatorChar, project);
            Assert.True(File.Exists(project), project);
        }
    }

    [Fact]
    public async Task Every_secret_is_a_secret_parameter_and_never_a_value()
    {
        var manifest = await Published.Value;
        var parameters = manifest.Resources.Where(r => r.Value!["type"]!.GetValue<string>() == "parameter.v0").ToList();

        Assert.Contains(parameters, p => p.Key == "mysql-password");
        Assert.Contains(parameters, p => p.Key == "redis-password");
        Assert.Contains(parameters, p => p.Key == "jwt-signing-key");
        foreach (var (name, parameter) in parameters)
        {
            Assert.True(parameter!["inputs"]!["value"]!["secret"]!.GetValue<bool>(), $"{name} is not a secret");
            Assert.Equal($"{{{name}.inputs.value}}", parameter["value"]!.GetValue<string>());
        }
        // A variable that carries a secret carries only a reference to one.
        foreach (var (resource, variable, value) in manifest.Environment())
        {
            if (SecretName().IsMatch(variable)) Assert.Matches(@"^\{[a-z0-9-]+\.value\}$", value);
        }
    }

    [Fact]
    public async Task Every_reference_resolves_to_a_declared_resource_binding_connection_string_or_parameter()
    {
        var manifest = await Published.Value;
        var references = manifest.Strings().SelectMany(s => Reference().Matches(s)).ToList();

        Assert.NotEmpty(references);
        foreach (var reference in references)
        {
            var name = reference.Groups["resource"].Value;
            var path = reference.Groups["path"].Value.Split('.');
            Assert.True(manifest.Resources.ContainsKey(name), $"{reference.Value}: no resource {name}");
            var target = manifest.Resource(name);
            var resolves = path switch
            {
                ["connectionString"] => target["connectionString"] is not null,
                ["value"] => manifest.Type(name) is "parameter.v0" or "value.v0",
                ["inputs", var input] => target["inputs"]?[input] is not null,
                ["bindings", var binding, "host" or "port" or "targetPort" or "url" or "scheme"] => target["bindings"]?[binding] is not null,
                _ => false,
            };
            Assert.True(resolves, $"{reference.Value} does not resolve");
        }
    }

    [Fact]
    public async Task Kafka_is_a_container_whose_bootstrap_endpoint_the_services_reference()
    {
        var manifest = await Published.Value;
        var kafka = manifest.Resource("kafka");

        Assert.Equal(9092, kafka["bindings"]!["tcp"]!["targetPort"]!.GetValue<int>());
        Assert.Equal("{kafka.bindings.tcp.host}:{kafka.bindings.tcp.port}", kafka["connectionString"]!.GetValue<string>());
        Assert.Equal(
            "PLAINTEXT://{kafka.bindings.tcp.host}:{kafka.bindings.tcp.port}",
            kafka["env"]!["KAFKA_ADVERTISED_LISTENERS"]!.GetValue<string>());
        foreach (var service in new[] { "product", "order", "payment" })
        {
            Assert.Equal("{kafka.connectionString}", manifest.Resource(service)["env"]!["ConnectionStrings__kafka"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task The_gateway_is_the_only_external_endpoint()
    {
        var manifest = await Published.Value;

        var external = manifest.Resources
            .SelectMany(r => (r.Value!["bindings"]?.AsObject() ?? []).Select(b => (Resource: r.Key, Binding: b.Value!)))
            .Where(b => b.Binding["external"]?.GetValue<bool>() == true)
            .Select(b => b.Resource)
            .Distinct();
        Assert.Equal(new[] { "gateway" }, external);
    }

    [Fact]
    public async Task Existing_servers_are_secret_connection_string_parameters_the_services_reference()
    {
        var manifest = await PublishAsync(infrastructureMode: "existing");

        Assert.DoesNotContain(manifest.Resources, r => r.Value!["type"]!.GetValue<string>() == "container.v0");
        foreach (var connection in Databases.Concat(["redis", "kafka"]))
        {
            Assert.Equal("parameter.v0", manifest.Type(connection));
            Assert.True(manifest.Resource(connection)["inputs"]!["value"]!["secret"]!.GetValue<bool>());
            Assert.Equal($"{{{connection}.value}}", manifest.Resource(connection)["connectionString"]!.GetValue<string>());
        }
        Assert.Equal("{orderdb.connectionString}", manifest.Resource("order")["env"]!["ConnectionStrings__orderdb"]!.GetValue<string>());
        Assert.Equal("{kafka.connectionString}", manifest.Resource("payment")["env"]!["ConnectionStrings__kafka"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_MySQL_container_creates_each_service_user_from_its_environment_with_the_password_quoted()
    {
        var manifest = await Published.Value;
        var mysql = manifest.Resource("mysql");
        var script = mysql["args"]!.AsArray().Select(a => a!.GetValue<string>()).Last();
        Assert.Equal("/bin/sh", mysql["entrypoint"]!.GetValue<string>());
        Assert.Equal("{productdb-password.value}", mysql["env"]!["PRODUCTDB_USER_PASSWORD"]!.GetValue<string>());

        // The image's entrypoint replaced by one that prints the init file it is given.
        var bin = Directory.CreateTempSubdirectory("flashsales-entrypoint-");
        try
        {
            var entrypoint = Path.Combine(bin.FullName, "docker-entrypoint.sh");
            await File.WriteAllTextAsync(entrypoint, "#!/bin/sh\necho \"$@\"\ncat \"${2#--init-file=}\"\n");
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(entrypoint, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
            var start = new ProcessStartInfo("/bin/sh", ["-c", script]) { RedirectStandardOutput = true };
            start.Environment["PATH"] = $"{bin.FullName}:{Environment.GetEnvironmentVariable("PATH")}";
            foreach (var database in Databases) start.Environment[$"{database.ToUpperInvariant()}_USER_PASSWORD"] = $"{database}-it's\\\"x";
            using var shell = Process.Start(start)!;
            var output = await shell.StandardOutput.ReadToEndAsync();
            await shell.WaitForExitAsync();

            Assert.Equal(0, shell.ExitCode);
            Assert.StartsWith("mysqld --init-file=", output);
            foreach (var database in Databases)
            {
                Assert.Contains($"CREATE DATABASE IF NOT EXISTS {database} CHARACTER SET utf8mb4;", output);
                Assert.Contains($"CREATE USER IF NOT EXISTS '{database}_user'@'%' IDENTIFIED BY '{database}-it''s\\\\\"x';", output);
                Assert.Contains($"GRANT ALL PRIVILEGES ON {database}.* TO '{database}_user'@'%';", output);
            }
        }
        finally
        {
            bin.Delete(recursive: true);
            File.Delete("/tmp/flashsales-accounts.sql");
        }
    }

    [Fact]
    public async Task Each_service_image_runs_the_aspnet_runtime_as_a_non_root_user_with_its_ports()
    {
        foreach (var (project, image, ports) in new[]
        {
            ("services/Identity.Api/Identity.Api.csproj", "flashsales/identity", new[] { "8080" }),
            ("services/Catalog.Api/Catalog.Api.csproj", "flashsales/product", new[] { "8080", "8081" }),
            ("services/Ordering.Api/Ordering.Api.csproj", "flashsales/order", new[] { "8080", "8081" }),
            ("services/Payments.Api/Payments.Api.csproj", "flashsales/payment", new[] { "8080", "8081" }),
            ("gateway/Gateway/Gateway.csproj", "flashsales/gateway", new[] { "8080" }),
        })
        {
            // The SDK's own computation of the image (what dotnet publish /t:PublishContainer builds), without building it.
            var output = await RunAsync("dotnet", "msbuild", project, "-t:ComputeContainerConfig", "-p:Configuration=" + BuildConfiguration,
                "-getProperty:ContainerRepository", "-getProperty:ContainerBaseImage", "-getProperty:ContainerUser", "-getItem:ContainerPort");
            var config = JsonNode.Parse(output)!;

            Assert.Equal(image, config["Properties"]!["ContainerRepository"]!.GetValue<string>());
            Assert.Equal("mcr.microsoft.com/dotnet/aspnet:10.0", config["Properties"]!["ContainerBaseImage"]!.GetValue<string>());
            Assert.Equal("app", config["Properties"]!["ContainerUser"]!.GetValue<string>());
            Assert.Equal(ports, config["Items"]!["ContainerPort"]!.AsArray().Select(p => p!["Identity"]!.GetValue<string>()));
        }
    }

    [Fact]
    public async Task The_deploy_guide_gives_the_command_this_test_publishes_with_and_azd_finds_the_AppHost()
    {
        Assert.Contains(PublishCommand, await File.ReadAllTextAsync(Path.Combine(RepositoryRoot, "docs", "deploy.md")));
        var azure = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot, "azure.yaml"));
        Assert.Contains("project: ./FlashSales.AppHost/FlashSales.AppHost.csproj", azure);
        Assert.Contains("host: containerapp", azure);
    }

    private static async Task<Manifest> PublishAsync(string? infrastructureMode = null)
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "published", Guid.NewGuid().ToString("N"));
        var file = Path.Combine(directory, "manifest.json");
        // The guide's command on the build the tests run from: no second build, the same configuration.
        var arguments = PublishCommand.Split(' ').Skip(1).ToList();
        arguments.InsertRange(arguments.IndexOf("--"), ["--no-build", "-c", BuildConfiguration]);
        arguments[^1] = file;
        if (infrastructureMode is not null) arguments.Add($"Infrastructure:Mode={infrastructureMode}");
        await RunAsync("dotnet", [.. arguments]);
        return new Manifest(directory, JsonNode.Parse(await File.ReadAllTextAsync(file))!["resources"]!.AsObject());
    }

    private static async Task<string> RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program, arguments)
        {
            WorkingDirectory = RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(guard.Token);
        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await error}{await output}");
        return await output;
    }

    private static string RepositoryRoot { get; } = FindRepositoryRoot();

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "FlashSales.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("FlashSales.sln not found above " + AppContext.BaseDirectory);
    }

#if DEBUG
    private const string BuildConfiguration = "Debug";
#else
    private const string BuildConfiguration = "Release";
#endif

    [GeneratedRegex(@"\{(?<resource>[a-zA-Z0-9-]+)\.(?<path>[a-zA-Z0-9_.-]+)\}")]
    private static partial Regex Reference();

    [GeneratedRegex("PASSWORD|SIGNINGKEY|SECRET", RegexOptions.IgnoreCase)]
    private static partial Regex SecretName();

    private sealed record Manifest(string Directory, JsonObject Resources)
    {
        public JsonNode Resource(string name) => Resources[name] ?? throw new Xunit.Sdk.XunitException($"The manifest has no resource {name}.");

        public string Type(string name) => Resource(name)["type"]!.GetValue<string>();

        public IEnumerable<string> Strings() => StringsIn(Resources);

        public IEnumerable<(string Resource, string Variable, string Value)> Environment() =>
            Resources.SelectMany(r => (r.Value!["env"]?.AsObject() ?? []).Select(e => (r.Key, e.Key.Replace("_", ""), e.Value!.GetValue<string>())));

        private static IEnumerable<string> StringsIn(JsonNode? node) => node switch
        {
            JsonObject o => o.SelectMany(p => StringsIn(p.Value).Prepend(p.Key)),
            JsonArray a => a.SelectMany(StringsIn),
            JsonValue v when v.TryGetValue<string>(out var s) => [s],
            _ => [],
        };
    }
}
