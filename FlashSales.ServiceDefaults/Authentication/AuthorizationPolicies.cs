namespace FlashSales.Authentication;

public static class AuthorizationPolicies
{
    /// <summary>A signed-in user (shopper or admin): the default policy.</summary>
    public const string Shopper = "shopper";

    /// <summary>A signed-in user in the admin role.</summary>
    public const string Admin = "admin";

    /// <summary>One of FlashSales' own services, by its service credential.</summary>
    public const string Service = "service";

    /// <summary>The authentication scheme of service credentials.</summary>
    public const string ServiceScheme = "Service";
}
