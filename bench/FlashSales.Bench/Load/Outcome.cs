namespace FlashSales.Bench.Load;

/// <summary>How one order request ended, as a shop front would see it.</summary>
public enum Outcome
{
    Accepted,
    SoldOut,
    NotOpen,
    Closed,
    LimitExceeded,
    TooManyRequests,
    OtherRejection,
    /// <summary>503 <c>store_unavailable</c>: the database counted as stalled, nothing was taken.</summary>
    StoreUnavailable,
    /// <summary>503 <c>not_confirmed_in_time</c>: the order's commit outlasted the answer's deadline.</summary>
    NotConfirmedInTime,
    /// <summary>503 <c>busy</c>: the product service gave up for now (a product's lock not taken, or retries used up).</summary>
    Busy,
    /// <summary>Any other 503 (with Retry-After): a service away, e.g. the gateway could not reach it.</summary>
    Unavailable,
    /// <summary>A 5xx other than 503: never a right answer.</summary>
    ServerError,
    Timeout,
    SocketError,
}

public static class OutcomeExtensions
{
    public static readonly Outcome[] All = Enum.GetValues<Outcome>();

    public static bool IsRejection(this Outcome o) => o is >= Outcome.SoldOut and <= Outcome.OtherRejection;

    public static bool IsError(this Outcome o) => o >= Outcome.StoreUnavailable;

    /// <summary>The name reports use: the API's own code where there is one.</summary>
    public static string Code(this Outcome o) => o switch
    {
        Outcome.Accepted => "accepted",
        Outcome.SoldOut => "sold_out",
        Outcome.NotOpen => "not_open",
        Outcome.Closed => "closed",
        Outcome.LimitExceeded => "limit_exceeded",
        Outcome.TooManyRequests => "429",
        Outcome.OtherRejection => "other_4xx",
        Outcome.StoreUnavailable => "store_unavailable",
        Outcome.NotConfirmedInTime => "not_confirmed_in_time",
        Outcome.Busy => "busy",
        Outcome.Unavailable => "503",
        Outcome.ServerError => "5xx",
        Outcome.Timeout => "timeout",
        _ => "socket_error",
    };
}
