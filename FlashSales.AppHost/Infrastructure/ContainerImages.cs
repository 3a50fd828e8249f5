namespace FlashSales.AppHost.Infrastructure;

/// <summary>
/// The images the backing services run from in containers mode and in every published manifest, pinned to a patch
/// release so that a deployment runs what was tested against.
/// </summary>
internal static class ContainerImages
{
    public const string Registry = "docker.io";

    /// <summary>MySQL 8.4, the long-term-support line.</summary>
    public const string MySql = "library/mysql";
    public const string MySqlTag = "8.4.3";

    public const string Redis = "library/redis";
    public const string RedisTag = "7.4.1";

    /// <summary>Apache Kafka's own image, a single KRaft node (broker and controller).</summary>
    public const string Kafka = "apache/kafka";
    public const string KafkaTag = "3.9.0";
}
