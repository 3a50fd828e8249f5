namespace FlashSales.EventBus;

/// <summary>
/// A handler's verdict that its event can never be handled, however often it is retried (it contradicts what the
/// service knows, not a dependency that is away). Such an event goes to the dead-letter topic; any other failure is
/// taken as transient and retried until it succeeds.
/// </summary>
public sealed class PermanentEventFailureException(string message, Exception? inner = null) : Exception(message, inner);
