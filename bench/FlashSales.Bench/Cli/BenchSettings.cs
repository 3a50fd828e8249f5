using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FlashSales.Bench.Cli;

/// <summary>
/// Every option of the benchmark. Durations are in seconds. Options left unset take the full run's defaults, or the
/// shortened ones under --quick.
/// </summary>
public sealed class BenchSettings : CommandSettings
{
    [CommandOption("--quick")]
    [Description("Each profile shortened to ~20-30 s (for CI).")]
    public bool Quick { get; init; }

    [CommandOption("--profiles <LIST>")]
    [Description("Comma-separated: seed-scenario, hot, contended, stampede, big-carts, expiry, faults. Default: all but faults.")]
    public string Profiles { get; init; } = "seed-scenario,hot,contended,stampede,big-carts,expiry";

    [CommandOption("--strategies <LIST>")]
    [Description("Reservation strategies, each on a fresh system: atomic, lock, or atomic,lock. Default: atomic.")]
    public string Strategies { get; init; } = "atomic";

    [CommandOption("--target <URL>")]
    [Description("Run against a running gateway instead of starting the AppHost (then --mysql and --redis are needed for the audit).")]
    public string? Target { get; init; }

    [CommandOption("--mysql <CONNECTION>")]
    [Description("With --target: the MySQL server's connection string (a user that can read every service database).")]
    public string? MySql { get; init; }

    [CommandOption("--redis <CONNECTION>")]
    [Description("With --target: the Redis connection string.")]
    public string? Redis { get; init; }

    [CommandOption("--kafka <SERVERS>")]
    [Description("With --target: Kafka bootstrap servers, to wait until consumers have caught up before the audit.")]
    public string? Kafka { get; init; }

    [CommandOption("--admin-password <PASSWORD>")]
    [Description("With --target: the password of the system's \"admin\" user (its catalogue calls need the admin role).")]
    public string? AdminPassword { get; init; }

    [CommandOption("--order-replicas <N>")]
    [Description("Order service replicas of the system the bench starts. Default: 1.")]
    public int OrderReplicas { get; init; } = 1;

    [CommandOption("--dashboard")]
    [Description("Run the system with Aspire's dashboard receiving its telemetry, as ./flashsales run does; its CPU is counted with the system's.")]
    public bool Dashboard { get; init; }

    [CommandOption("--ttl <SECONDS>")]
    [Description("Reservation TTL of the system the bench starts. " +
        "Default: 3600, so no order lapses while other profiles are measured (60 with --abort-after).")]
    public int? Ttl { get; init; }

    [CommandOption("--lease-grace <SECONDS>")]
    [Description("How long after its end the product service still holds a lease (Reservation:LeaseGrace). Default 30 (quick expiry profile: 5)")]
    public int? LeaseGrace { get; init; }

    [CommandOption("--expiry-ttl <SECONDS>")]
    [Description("Reservation TTL of the system the expiry profile starts. Default: 240 (quick: 12).")]
    public int? ExpiryTtl { get; init; }

    [CommandOption("--products <N>")]
    [Description("Catalogue size of seed-scenario, hot and expiry. Default: 5000.")]
    public int Products { get; init; } = 5000;

    [CommandOption("--stock <N>")]
    [Description("Stock of each catalogue product. Default: 100.")]
    public int Stock { get; init; } = 100;

    [CommandOption("--vus-start <N>")]
    [Description("Virtual users at the start. Default: 30.")]
    public int VusStart { get; init; } = 30;

    [CommandOption("--vus-step <N>")]
    [Description("Virtual users added at each ramp step. Default: 30 (quick: 90).")]
    public int? VusStep { get; init; }

    [CommandOption("--vus-max <N>")]
    [Description("Most virtual users. Default: 300.")]
    public int VusMax { get; init; } = 300;

    [CommandOption("--ramp-every <SECONDS>")]
    [Description("Seconds between ramp steps. Default: 30 (quick: 5).")]
    public int? RampEvery { get; init; }

    [CommandOption("--duration <SECONDS>")]
    [Description("Length of the load of each profile. Default: 300 (quick: 20).")]
    public int? Duration { get; init; }

    [CommandOption("--pay-share <FRACTION>")]
    [Description("Share of accepted orders the virtual user then pays. Default: 0.1.")]
    public double PayShare { get; init; } = 0.1;

    [CommandOption("--rate <ORDERS_PER_SECOND>")]
    [Description("Open loop: orders arrive at this fixed rate instead of from closed-loop virtual users.")]
    public int? Rate { get; init; }

    [CommandOption("--connections <N>")]
    [Description("Connections for the ceiling and the open loop. Default: --vus-max.")]
    public int? Connections { get; init; }

    [CommandOption("--hot-products <N>")]
    [Description("hot: how many products draw the hot share. Default: 10.")]
    public int HotProducts { get; init; } = 10;

    [CommandOption("--hot-share <FRACTION>")]
    [Description("hot: share of orders on the hot products. Default: 0.9.")]
    public double HotShare { get; init; } = 0.9;

    [CommandOption("--contended-products <N>")]
    [Description("contended: how many products. Default: 10.")]
    public int ContendedProducts { get; init; } = 10;

    [CommandOption("--contended-stock <N>")]
    [Description("contended: stock of each. Default: 100000.")]
    public int ContendedStock { get; init; } = 100_000;

    [CommandOption("--buyers <N>")]
    [Description("stampede: buyers waiting for the opening. Default: 2000.")]
    public int Buyers { get; init; } = 2000;

    [CommandOption("--stampede-stock <N>")]
    [Description("stampede: units of the event product. Default: 100.")]
    public int StampedeStock { get; init; } = 100;

    [CommandOption("--opens-in <SECONDS>")]
    [Description("stampede: seconds from creating the event product to its opening. Default: 8.")]
    public int OpensIn { get; init; } = 8;

    [CommandOption("--expiry-orders <N>")]
    [Description("expiry: unpaid orders placed to lapse. Default: 50000 (quick: 1500).")]
    public int? ExpiryOrders { get; init; }

    [CommandOption("--waitlist-products <N>")]
    [Description("waitlist: event products claimed whole and waited for. Default: 40 (quick: 10).")]
    public int? WaitlistProductCount { get; init; }

    [CommandOption("--waitlist-stock <N>")]
    [Description("waitlist: units of each; twice as many shoppers wait for them. Default: 5.")]
    public int WaitlistStock { get; init; } = 5;

    [CommandOption("--watchers <N>")]
    [Description("watched: open storefront pages (live stock streams) held during the seed-scenario load. Default: 2000.")]
    public int Watchers { get; init; } = 2000;

    [CommandOption("--abort-after <SECONDS>")]
    [Description("Drop every connection of the load generator at once after this many seconds, then audit once the reservation TTL has passed.")]
    public int? AbortAfter { get; init; }

    [CommandOption("--faults <LIST>")]
    [Description("faults: which to inject, one load each: kill-order, kill-product, kill-payment, redis-restart, mysql-unreachable, mysql-killed, " +
                 "kafka-down, product-paused, slow-processor, client-abort. Default: all.")]
    public string Faults { get; init; } = string.Join(",", FlashSales.Bench.SystemUnderTest.FaultInjector.All);

    [CommandOption("--fault-users <N>")]
    [Description("faults: virtual users during each fault's load. Default: 100.")]
    public int FaultUsers { get; init; } = 100;

    [CommandOption("--fault-load <SECONDS>")]
    [Description("faults: length of each fault's load (at least; it goes on 8 s past the fault's end); the fault comes a quarter of the way in. " +
        "Default: 60 (quick: 20).")]
    public int? FaultLoad { get; init; }

    [CommandOption("--ceiling-seconds <SECONDS>")]
    [Description("Length of the ceiling measurement. Default: 15 (quick: 5).")]
    public int? CeilingSeconds { get; init; }

    [CommandOption("--timeout <SECONDS>")]
    [Description("Request timeout; a request that takes longer counts as an error. Default: 30.")]
    public int Timeout { get; init; } = 30;

    [CommandOption("--consumer-groups <LIST>")]
    [Description("Kafka consumer groups that must have caught up before the audit. Default: Ordering.Api,Catalog.Api,Payments.Api.")]
    public string ConsumerGroups { get; init; } = "Ordering.Api,Catalog.Api,Payments.Api";

    [CommandOption("--out <DIR>")]
    [Description("Where results go. Default: bench/results.")]
    public string? Out { get; init; }

    public IReadOnlyList<string> ProfileList => Split(Profiles);
    public IReadOnlyList<string> StrategyList => Split(Strategies);
    public IReadOnlyList<string> ConsumerGroupList => Split(ConsumerGroups);

    public TimeSpan LoadDuration => TimeSpan.FromSeconds(Duration ?? (Quick ? 20 : 300));
    public TimeSpan RampInterval => TimeSpan.FromSeconds(RampEvery ?? (Quick ? 5 : 30));
    public int RampStep => VusStep ?? (Quick ? 90 : 30);
    public TimeSpan ReservationTtl => TimeSpan.FromSeconds(Ttl ?? (AbortAfter is null ? 3600 : 60));
    public TimeSpan LeaseGraceTime => TimeSpan.FromSeconds(LeaseGrace ?? 30);

    public TimeSpan ExpiryReservationTtl => TimeSpan.FromSeconds(ExpiryTtl ?? (Quick ? 12 : 240));

    /// <summary>The expiry profile's lease grace: the quick run's short wave should not spend most of its time waiting for it.</summary>
    public TimeSpan ExpiryLeaseGrace => TimeSpan.FromSeconds(LeaseGrace ?? (Quick ? 5 : 30));
    public int ExpiryOrderCount => ExpiryOrders ?? (Quick ? 1500 : 50_000);
    public int WaitlistProducts => WaitlistProductCount ?? (Quick ? 10 : 40);
    public IReadOnlyList<string> FaultList => Split(Faults);
    public TimeSpan FaultLoadDuration => TimeSpan.FromSeconds(FaultLoad ?? (Quick ? 20 : 60));

    // The faults' own system: leases of requests cut off by a fault lapse soon, so the audit can judge what is held.
    public TimeSpan FaultReservationTtl => TimeSpan.FromSeconds(6);
    public TimeSpan FaultLeaseGrace => TimeSpan.FromSeconds(2);

    /// <summary>
    /// The fault system's payment service settles an overdue payment after 5 s, and its processor answers the slow card
    /// after 15 s: the slow-processor fault's charges always land after their keys were settled.
    /// </summary>
    public static readonly IReadOnlyList<string> FaultSystemSettings =
        ["Payment:ResolvePendingAfter=00:00:05", "Payment:ResolveInterval=00:00:01", "Payment:Simulator:SlowCardLatency=00:00:15"];

    public TimeSpan CeilingDuration => TimeSpan.FromSeconds(CeilingSeconds ?? (Quick ? 5 : 15));
    public int ConnectionCount => Connections ?? VusMax;

    public override ValidationResult Validate()
    {
        string[] knownProfiles = ["seed-scenario", "watched", "hot", "contended", "stampede", "big-carts", "expiry", "waitlist", "faults"];
        if (ProfileList.FirstOrDefault(p => !knownProfiles.Contains(p)) is { } unknownProfile)
            return ValidationResult.Error($"Unknown profile '{unknownProfile}'; use {string.Join(", ", knownProfiles)}.");
        if (StrategyList.FirstOrDefault(s => s is not ("atomic" or "lock")) is { } unknownStrategy)
            return ValidationResult.Error($"Unknown strategy '{unknownStrategy}'; use atomic or lock.");
        if (Target is not null && StrategyList.Count > 1)
            return ValidationResult.Error("--target runs against one system with one strategy; name that one in --strategies.");
        if (Target is not null && (MySql is null || Redis is null || AdminPassword is null))
            return ValidationResult.Error(
                "--target needs --mysql, --redis and --admin-password: the bench seeds through the admin API and audits the databases.");
        if (VusStart < 1 || VusMax < VusStart || RampStep < 1)
            return ValidationResult.Error("Virtual users: need 1 <= --vus-start <= --vus-max and --vus-step >= 1.");
        if (PayShare is < 0 or > 1 || HotShare is < 0 or > 1)
            return ValidationResult.Error("--pay-share and --hot-share are fractions between 0 and 1.");
        if (Rate is <= 0) return ValidationResult.Error("--rate must be positive.");
        if (FaultList.FirstOrDefault(f => !FlashSales.Bench.SystemUnderTest.FaultInjector.All.Contains(f)) is { } unknownFault)
            return ValidationResult.Error(
                $"Unknown fault '{unknownFault}'; use {string.Join(", ", FlashSales.Bench.SystemUnderTest.FaultInjector.All)}.");
        if (ProfileList.Contains("faults") && Target is not null)
            return ValidationResult.Error("faults needs the AppHost the bench starts (it kills and restarts its resources); not with --target.");
        return ValidationResult.Success();
    }

    private static string[] Split(string list) =>
        list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
