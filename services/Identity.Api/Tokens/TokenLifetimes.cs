namespace FlashSales.Identity.Tokens;

/// <summary>Tokens:* settings: how long what sign-in hands out stays good.</summary>
public sealed class TokenLifetimes
{
    /// <summary>Short: a stolen access token is good for minutes, and role changes reach the services soon.</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(14);
}
