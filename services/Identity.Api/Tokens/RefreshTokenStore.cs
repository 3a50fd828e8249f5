using System.Security.Cryptography;
using System.Text;
using FlashSales.Identity.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace FlashSales.Identity.Tokens;

/// <summary>
/// Hands out refresh tokens and redeems them once. Redeeming is one conditional UPDATE, so two concurrent redemptions
/// of one token cannot both win; a token presented after it was used means it was copied, and every live refresh token
/// of that user is revoked.
/// </summary>
public sealed class RefreshTokenStore(IdentityDbContext db, IOptions<TokenLifetimes> options, TimeProvider time)
{
    public async Task<(string Token, DateTime ExpiresAt)> IssueAsync(string userId, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var stored = new RefreshToken
        {
            Id = Guid.NewGuid(),
            UserId = userId,
            TokenHash = Hash(token),
            CreatedAt = now,
            ExpiresAt = now + options.Value.RefreshTokenLifetime,
        };
        db.RefreshTokens.Add(stored);
        await db.SaveChangesAsync(ct);
        return (token, stored.ExpiresAt);
    }

    /// <summary>The user the token was issued to, having consumed it; null when it is unknown, used or lapsed.</summary>
    public async Task<string?> RedeemAsync(string token, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var hash = Hash(token);
        var consumed = await db.RefreshTokens
            .Where(t => t.TokenHash == hash && t.ConsumedAt == null && t.ExpiresAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.ConsumedAt, now), ct);
        var stored = await db.RefreshTokens.AsNoTracking().FirstOrDefaultAsync(t => t.TokenHash == hash, ct);
        if (consumed == 1) return stored!.UserId;

        if (stored is { ConsumedAt: not null })
        {
            await db.RefreshTokens
                .Where(t => t.UserId == stored.UserId && t.ConsumedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.ConsumedAt, now), ct);
        }
        return null;
    }

    private static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
