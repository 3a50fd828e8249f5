using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace FlashSales.Testing;

/// <summary>
/// The console of a run that starts an AppHost (the tests, the benchmark) is for results: the AppHost's own warnings
/// stay, while what its resources print (thousands of lines: every service's output, start-up probes, injected
/// faults) does not.
/// </summary>
public static class AppHostConsole
{
    public static ILoggingBuilder KeepConsoleForResults(this ILoggingBuilder logging) => logging
        .AddFilter<ConsoleLoggerProvider>(null, LogLevel.Warning)
        .AddFilter<ConsoleLoggerProvider>("FlashSales.AppHost.Resources", LogLevel.None)
        .AddFilter<ConsoleLoggerProvider>("Aspire.Hosting.Dcp", LogLevel.Error)
        .AddFilter<ConsoleLoggerProvider>("Microsoft.Hosting.Lifetime", LogLevel.None)
        // Resources are probed until they answer; one that never does is named by whoever waits for it.
        .AddFilter<ConsoleLoggerProvider>("Microsoft.Extensions.Diagnostics.HealthChecks", LogLevel.None);
}
