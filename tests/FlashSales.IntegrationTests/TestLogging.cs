using Microsoft.Extensions.Logging;
using Serilog;
using Serilog.Extensions.Logging;
using LogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace FlashSales.IntegrationTests;

/// <summary>
/// The test run's console is for results: the runner prints a failing assembly's console whole, and the system under
/// test logs thousands of lines (every resource's output, start-up probes, injected faults). So everything it logs
/// goes to a file of its own under <see cref="Folder"/>, to read after a failure, and the console keeps only the
/// AppHost's own warnings.
/// </summary>
public static class TestLogging
{
    /// <summary><c>./flashsales test</c> puts the logs beside the test reports (<c>TestResults/logs</c>).</summary>
    public static string Folder =>
        Environment.GetEnvironmentVariable("FLASHSALES_TEST_LOGS") ?? Path.Combine(Path.GetTempPath(), "flashsales-test-logs");

    /// <summary>For an AppHost started by a test: its own warnings on the console, everything in the file.</summary>
    public static ILoggingBuilder ToConsoleAndFile(this ILoggingBuilder logging, string name) =>
        logging.KeepConsoleForResults().ToFile(name);

    /// <summary>For a service hosted in the test process: everything in the file only.</summary>
    public static ILoggingBuilder ToFileOnly(this ILoggingBuilder logging, string name) => logging.ClearProviders().ToFile(name);

    private static ILoggingBuilder ToFile(this ILoggingBuilder logging, string name)
    {
        var file = Path.Combine(Folder, $"{name}-{Guid.NewGuid().ToString("N")[..8]}.log");
        var logger = new LoggerConfiguration()
            .MinimumLevel.Verbose()
            .WriteTo.File(file, outputTemplate: "{Timestamp:HH:mm:ss.fff} {Level:u3} {SourceContext}: {Message:lj}{NewLine}{Exception}")
            .CreateLogger();
        return logging.AddProvider(new SerilogLoggerProvider(logger, dispose: true));
    }
}
