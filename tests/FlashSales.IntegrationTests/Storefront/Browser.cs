using Microsoft.Playwright;

namespace FlashSales.IntegrationTests.Storefront;

/// <summary>
/// Debian's chromium driven by Playwright (no browser is downloaded: FLASHSALES_CHROMIUM or /usr/bin/chromium), one per
/// test class; each test gets a page of its own, in a context of its own (its own sessionStorage). Screenshots of the
/// main states go to TestResults/storefront.
/// </summary>
public sealed class Browser : IAsyncLifetime
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public static string ScreenshotFolder { get; } = Path.Combine(RepositoryRoot(), "TestResults", "storefront");

    public async ValueTask InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        // A guard only: every expectation waits for a state the page reaches by itself.
        Assertions.SetDefaultExpectTimeout(30_000);
        _browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Environment.GetEnvironmentVariable("FLASHSALES_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            // CI runs as root, where chromium's sandbox cannot start.
            Args = ["--no-sandbox"],
        });
    }

    /// <summary>A fresh page on <paramref name="site"/>, phone-width when asked.</summary>
    public async Task<IPage> OpenAsync(Uri site, bool phone = false)
    {
        var context = await _browser!.NewContextAsync(new()
        {
            BaseURL = site.ToString(),
            ViewportSize = phone ? new ViewportSize { Width = 390, Height = 844 } : new ViewportSize { Width = 1200, Height = 900 },
        });
        context.SetDefaultTimeout(60_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        return page;
    }

    public static async Task ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotFolder);
        await page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotFolder, $"{name}.png"), FullPage = true });
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "FlashSales.sln"))) dir = dir.Parent;
        return dir?.FullName ?? AppContext.BaseDirectory;
    }
}
