using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace FlashSales.EventBus.Kafka;

/// <summary>
/// librdkafka's own output as the service's log records, instead of raw lines on stderr. The client reconnects by
/// itself and logs every attempt (many a second while a broker is away), so its lines are diagnostics (Debug); what an
/// operator needs is the outage, once: every broker unreachable (a warning) or an error the client cannot recover
/// from (critical). Failures the service must act on reach it through the client's calls.
/// </summary>
internal static class KafkaClientLog
{
    public static void Line(ILogger logger, LogMessage message) =>
        logger.Log(message.Level <= SyslogLevel.Critical ? LogLevel.Critical : LogLevel.Debug,
            "librdkafka {Facility} ({Client}): {Message}", message.Facility, message.Name, message.Message);

    public static void Error(ILogger logger, Error error)
    {
        if (error.IsFatal) logger.LogCritical("Kafka client failed for good: {Reason} ({Code})", error.Reason, error.Code);
        else if (error.Code == ErrorCode.Local_AllBrokersDown) logger.LogWarning("Kafka: no broker reachable; reconnecting ({Reason})", error.Reason);
        else logger.LogDebug("Kafka client error, recovering by itself: {Reason} ({Code})", error.Reason, error.Code);
    }
}
