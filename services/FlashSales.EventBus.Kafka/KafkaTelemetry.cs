using System.Diagnostics;
using Confluent.Kafka;

namespace FlashSales.EventBus.Kafka;

/// <summary>Carries the trace context across Kafka in message headers (W3C traceparent).</summary>
internal static class KafkaTelemetry
{
    public static readonly ActivitySource Source = new(TelemetryNames.ActivitySource);

    public static void Inject(Activity? activity, Headers headers)
    {
        if (activity is null) return;
        DistributedContextPropagator.Current.Inject(activity, headers,
            static (carrier, key, value) => KafkaHeaders.Set((Headers)carrier!, key, value));
    }

    public static Activity? StartConsume(string topic, Headers headers)
    {
        DistributedContextPropagator.Current.ExtractTraceIdAndState(headers,
            static (object? carrier, string name, out string? value, out IEnumerable<string>? values) =>
            {
                values = null;
                value = KafkaHeaders.Get((Headers)carrier!, name);
            },
            out var traceParent, out var traceState);

        ActivityContext.TryParse(traceParent, traceState, out var parent);
        var activity = Source.StartActivity($"{topic} process", ActivityKind.Consumer, parent);
        activity?.SetTag("messaging.system", "kafka");
        activity?.SetTag("messaging.destination.name", topic);
        return activity;
    }
}
