namespace FlashSales.Gateway;

internal static class Storefront
{
    // Everything the page loads comes from this origin: no script, style or font from another site, ever.
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    /// <summary>
    /// Serves the storefront's files at "/" (index.html for the root), each revalidated on load so a deploy is seen at
    /// once, and locked to this origin by its Content-Security-Policy.
    /// </summary>
    public static WebApplication UseStorefront(this WebApplication app)
    {
        app.UseDefaultFiles();
        app.UseStaticFiles(new StaticFileOptions
        {
            OnPrepareResponse = file =>
            {
                var headers = file.Context.Response.Headers;
                headers.CacheControl = "no-cache";
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
            },
        });
        return app;
    }
}
