namespace FlashSales.Bench.SystemUnderTest;

/// <summary>The system the load goes to: its public gateway, and what the audit reads directly.</summary>
public interface ISystemUnderTest : IAsyncDisposable
{
    Uri Gateway { get; }
    /// <summary>The "admin" user's password: seeding and catalogue calls need the admin role.</summary>
    string AdminPassword { get; }
    string MySqlConnectionString { get; }
    string RedisConnectionString { get; }

    /// <summary>Null when consumers' progress cannot be read (then the audit waits on the outboxes and a settle time).</summary>
    string? KafkaBootstrapServers { get; }

    /// <summary>What ran, for the report.</summary>
    string Description { get; }
}

/// <summary>A gateway someone else runs (--target).</summary>
public sealed record TargetSystem(Uri Gateway, string AdminPassword, string MySqlConnectionString, string RedisConnectionString,
    string? KafkaBootstrapServers)
    : ISystemUnderTest
{
    public string Description => $"running system at {Gateway}";

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
