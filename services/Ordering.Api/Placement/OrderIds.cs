using System.Security.Cryptography;
using System.Text;

namespace FlashSales.Ordering.Placement;

/// <summary>
/// An order's id follows from its user and Idempotency-Key, so every retry of a request names the same order: the
/// product service's marker and the orders table's primary key then make it one order, with no lock and no lookup.
/// </summary>
public static class OrderIds
{
    public static Guid For(string userId, string idempotencyKey)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes($"{userId.Length}:{userId}:{idempotencyKey}"), hash);
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80); // version 8: custom (name-based, SHA-256)
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 9562 variant
        return new Guid(bytes, bigEndian: true);
    }
}
