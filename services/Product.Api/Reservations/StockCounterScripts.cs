namespace FlashSales.Product.Reservations;

/// <summary>
/// The Lua scripts behind the atomic strategy. Redis runs a script alone, so "check every item, then take every item"
/// is all-or-nothing with no lock. KEYS: per item (available, buyers), then the order marker.
/// ARGV: user id, item count, then per item (quantity, per-user limit or 0).
/// </summary>
internal static class StockCounterScripts
{
    public const int Reserved = 0;
    public const int SoldOut = -1;
    public const int AlreadyReserved = -2;
    public const int CountersMissing = -3;
    public const int LimitExceeded = -4;

    /// <summary>Returns {code, 1-based index of the item that failed}.</summary>
    public const string Reserve = """
        local marker = KEYS[#KEYS]
        if redis.call('EXISTS', marker) == 1 then return {-2, 0} end
        local user = ARGV[1]
        local n = tonumber(ARGV[2])
        for i = 1, n do
          local available = redis.call('GET', KEYS[2*i-1])
          if not available then return {-3, i} end
          local quantity = tonumber(ARGV[1+2*i])
          if tonumber(available) < quantity then return {-1, i} end
          local limit = tonumber(ARGV[2+2*i])
          if limit > 0 then
            local held = tonumber(redis.call('HGET', KEYS[2*i], user) or '0')
            if held + quantity > limit then return {-4, i} end
          end
        end
        for i = 1, n do
          local quantity = tonumber(ARGV[1+2*i])
          redis.call('DECRBY', KEYS[2*i-1], quantity)
          redis.call('HINCRBY', KEYS[2*i], user, quantity)
        end
        redis.call('SET', marker, '1', 'EX', 86400)
        return {0, 0}
        """;

    /// <summary>
    /// Applies a change already decided by MySQL (lock strategy, release, compensation): adds ARGV quantities
    /// (negative to take) to counters that exist. A missing counter is rebuilt from MySQL when next needed.
    /// </summary>
    public const string Apply = """
        local user = ARGV[1]
        local n = tonumber(ARGV[2])
        for i = 1, n do
          local delta = tonumber(ARGV[1+2*i])
          if redis.call('EXISTS', KEYS[2*i-1]) == 1 then redis.call('INCRBY', KEYS[2*i-1], delta) end
          if redis.call('EXISTS', KEYS[2*i]) == 1 or delta < 0 then redis.call('HINCRBY', KEYS[2*i], user, -delta) end
        end
        if ARGV[3+2*n] == 'unmark' then redis.call('DEL', KEYS[#KEYS]) end
        return 0
        """;

    /// <summary>Seeds one product's counters from MySQL unless they exist. KEYS: available, buyers. ARGV: available, then user/units pairs.</summary>
    public const string Seed = """
        if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
        redis.call('DEL', KEYS[2])
        for i = 2, #ARGV, 2 do redis.call('HSET', KEYS[2], ARGV[i], ARGV[i+1]) end
        redis.call('SET', KEYS[1], ARGV[1])
        return 1
        """;
}
