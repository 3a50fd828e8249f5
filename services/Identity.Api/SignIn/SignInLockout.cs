using Microsoft.Extensions.Caching.Memory;

namespace FlashSales.Identity.SignIn;

/// <summary>
/// Wrong passwords lock an account for the address they came from, not for everyone: after
/// <see cref="MaxFailures"/> failures from one address within <see cref="Window"/>, that address may not try the
/// account again until the window has passed since its last failure; the owner, from their own address, still signs
/// in. (A lockout of the whole account would let any stranger lock anyone out.) Guessing from many addresses at once
/// is slowed by the gateway's sign-in limit per address. Kept in this service's memory: one identity replica.
/// </summary>
public sealed class SignInLockout(IMemoryCache cache, TimeProvider time)
{
    public const int MaxFailures = 5;

    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    public bool IsLockedOut(string userId, string address) =>
        cache.TryGetValue(Key(userId, address), out Failures? failures) && failures!.Count >= MaxFailures && !failures.Lapsed(time);

    public void Failed(string userId, string address)
    {
        var failures = cache.TryGetValue(Key(userId, address), out Failures? seen) && !seen!.Lapsed(time) ? seen : new Failures();
        failures.Count++;
        failures.Last = time.GetUtcNow();
        cache.Set(Key(userId, address), failures, Window);
    }

    public void Succeeded(string userId, string address) => cache.Remove(Key(userId, address));

    private static string Key(string userId, string address) => $"sign-in-failures:{userId}:{address}";

    private sealed class Failures
    {
        public int Count { get; set; }
        public DateTimeOffset Last { get; set; }

        public bool Lapsed(TimeProvider time) => time.GetUtcNow() - Last >= Window;
    }
}
