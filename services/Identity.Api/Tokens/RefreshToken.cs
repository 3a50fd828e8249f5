namespace FlashSales.Identity.Tokens;

/// <summary>
/// A refresh token as stored: only its SHA-256, so a copy of the table signs nobody in. Single use: redeeming it
/// consumes it and hands out a new one.
/// </summary>
public sealed class RefreshToken
{
    public Guid Id { get; init; }
    public required string UserId { get; init; }
    public required string TokenHash { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime ExpiresAt { get; init; }
    public DateTime? ConsumedAt { get; set; }
}
