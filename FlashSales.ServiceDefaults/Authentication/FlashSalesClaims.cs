using System.Security.Claims;

namespace FlashSales.Authentication;

/// <summary>The claims FlashSales' tokens carry, by their JWT names (inbound claim mapping is off).</summary>
public static class FlashSalesClaims
{
    /// <summary>The user's id (Identity's user id); in a service credential, the calling service.</summary>
    public const string Subject = "sub";
    public const string UserName = "name";
    public const string Role = "role";

    /// <summary>Present only in service credentials: the calling service's name.</summary>
    public const string Service = "svc";

    public const string AdminRole = "admin";

    /// <summary>The signed-in user's id. Endpoints reach it only behind an authorization policy that requires a user.</summary>
    public static string UserId(this ClaimsPrincipal user) =>
        user.FindFirstValue(Subject) ?? throw new InvalidOperationException("The request carries no authenticated user.");
}
