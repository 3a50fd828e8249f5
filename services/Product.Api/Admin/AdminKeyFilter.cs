using System.Security.Cryptography;
using System.Text;

namespace FlashSales.Product.Admin;

/// <summary>
/// Guards the admin endpoints with the X-Admin-Key header until the auth issue lands. The key comes from Admin:ApiKey
/// (the AppHost passes a generated secret); with no key configured, admin endpoints are closed.
/// </summary>
public sealed class AdminKeyFilter(IConfiguration configuration) : IEndpointFilter
{
    public const string Header = "X-Admin-Key";

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var expected = configuration["Admin:ApiKey"];
        var given = context.HttpContext.Request.Headers[Header].ToString();
        if (string.IsNullOrEmpty(expected) || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected)))
        {
            return ValueTask.FromResult<object?>(TypedResults.Problem(
                $"Admin endpoints need a valid {Header} header.", statusCode: StatusCodes.Status401Unauthorized, title: "Admin key required"));
        }
        return next(context);
    }
}
