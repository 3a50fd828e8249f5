namespace FlashSales.Catalog.Reservations;

/// <summary>
/// The Lua scripts behind the stock counters. Redis runs a script alone, so "check every item, then take every item"
/// is all-or-nothing with no lock. Every script that moves a counter to or from zero keeps the sold-out set
/// (<see cref="FlashSales.ReservationContracts.SoldOutFlags"/>) and announces the change.
/// </summary>
internal static class StockCounterScripts
{
    public const int Reserved = 0;
    public const int SoldOut = -1;
    public const int AlreadyReserved = -2;
    public const int CountersMissing = -3;
    public const int LimitExceeded = -4;

    // KEYS[i] is "fs:available:<id>" (13 characters of prefix).
    private const string FlagSoldOut = """
        local function flag(key, available)
          local id = string.sub(key, 14)
          if available <= 0 then
            if redis.call('SADD', 'fs:sold-out', id) == 1 then redis.call('PUBLISH', 'fs:sold-out', '+' .. id) end
          elseif redis.call('SREM', 'fs:sold-out', id) == 1 then
            redis.call('PUBLISH', 'fs:sold-out', '-' .. id)
          end
        end

        """;

    /// <summary>
    /// KEYS: per item (available, buyers), then the order marker. ARGV: user id, item count, then per item (quantity,
    /// per-user limit or 0). Returns {code, 1-based index of the item that failed}.
    /// </summary>
    public const string Reserve = FlagSoldOut + """
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
          local left = redis.call('DECRBY', KEYS[2*i-1], quantity)
          if left <= 0 then flag(KEYS[2*i-1], left) end
          redis.call('HINCRBY', KEYS[2*i], user, quantity)
        end
        redis.call('SET', marker, '1', 'EX', 86400) -- 24 h: ReservationMarkers
        return {0, 0}
        """;

    /// <summary>
    /// Applies changes MySQL already committed (lock strategy, releases, compensation, late confirmation), for any
    /// number of (product, user) pairs in one call. KEYS: per line (available, buyers), then optionally an order
    /// marker. ARGV: line count, then per line (units given back, negative to take; user id), then with a marker 'mark'
    /// (set it for 24 h, as the Reserve script does) or 'unmark' (delete it).
    /// A missing counter is left missing: it is rebuilt from MySQL when next needed.
    /// </summary>
    public const string Apply = FlagSoldOut + """
        local n = tonumber(ARGV[1])
        for i = 1, n do
          local delta = tonumber(ARGV[2*i])
          local user = ARGV[2*i+1]
          if redis.call('EXISTS', KEYS[2*i-1]) == 1 then flag(KEYS[2*i-1], redis.call('INCRBY', KEYS[2*i-1], delta)) end
          if redis.call('EXISTS', KEYS[2*i]) == 1 or delta < 0 then redis.call('HINCRBY', KEYS[2*i], user, -delta) end
        end
        if #KEYS > 2*n then
          if ARGV[2*n+2] == 'mark' then redis.call('SET', KEYS[#KEYS], '1', 'EX', 86400) else redis.call('DEL', KEYS[#KEYS]) end
        end
        return 0
        """;

    /// <summary>Seeds one product's counters from MySQL unless they exist. KEYS: available, buyers. ARGV: available, then user/units pairs.</summary>
    public const string Seed = FlagSoldOut + """
        if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
        redis.call('DEL', KEYS[2])
        for i = 2, #ARGV, 2 do redis.call('HSET', KEYS[2], ARGV[i], ARGV[i+1]) end
        redis.call('SET', KEYS[1], ARGV[1])
        flag(KEYS[1], tonumber(ARGV[1]))
        return 1
        """;

    /// <summary>
    /// Repairs a product's counters (reconciliation) unless the counter moved since it was read: KEYS: available,
    /// buyers. ARGV: the counter as read ('' when missing), the available units, 1 if the holdings follow (else they
    /// are left as they are), then user/units pairs.
    /// </summary>
    public const string Repair = FlagSoldOut + """
        if (redis.call('GET', KEYS[1]) or '') ~= ARGV[1] then return 0 end
        if ARGV[3] == '1' then
          redis.call('DEL', KEYS[2])
          for i = 4, #ARGV, 2 do redis.call('HSET', KEYS[2], ARGV[i], ARGV[i+1]) end
        end
        redis.call('SET', KEYS[1], ARGV[2])
        flag(KEYS[1], tonumber(ARGV[2]))
        return 1
        """;

    /// <summary>Adds an admin's stock change to a counter that exists. KEYS: available. ARGV: delta.</summary>
    public const string Adjust = FlagSoldOut + """
        if redis.call('EXISTS', KEYS[1]) == 0 then return nil end
        local available = redis.call('INCRBY', KEYS[1], ARGV[1])
        flag(KEYS[1], available)
        return available
        """;

    /// <summary>Drops a deleted product's counters and its sold-out flag. KEYS: available, buyers.</summary>
    public const string Forget = FlagSoldOut + """
        redis.call('DEL', KEYS[1], KEYS[2])
        flag(KEYS[1], 1)
        return 0
        """;
}
