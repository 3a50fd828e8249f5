using System.ComponentModel.DataAnnotations;
using System.Net.Http.Headers;
using System.Security.Claims;
using FlashSales.Authentication;
using FlashSales.Payments.Orders;
using FlashSales.Payments.Payments;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using System.Data.Common;

namespace FlashSales.Payments.Apis;

public static class PaymentsApi
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    public static IEndpointRouteBuilder MapPaymentsApi(this IEndpointRouteBuilder app)
    {
        // A user pays and reads only payments of their own orders; anything else answers 404.
        var api = app.MapGroup("api/payments").RequireAuthorization(AuthorizationPolicies.Shopper).WithTags("Payments");
        api.MapGet("/", GetPaymentsOfUser);
        api.MapGet("/{id:guid}", GetPayment).WithName(nameof(GetPayment));
        api.MapPost("/", Pay);
        return app;
    }

    /// <summary>The signed-in shopper's payments, newest first (the last 100): charges, declines and refunds.</summary>
    public static async Task<Ok<List<PaymentResponse>>> GetPaymentsOfUser(ClaimsPrincipal user, PaymentDbContext db, CancellationToken ct)
    {
        var userId = user.UserId();
        var payments = await db.Payments.AsNoTracking()
            .Where(p => p.UserId == userId)
            .OrderByDescending(p => p.CreatedAt)
            .Take(100)
            .ToListAsync(ct);
        return TypedResults.Ok(payments.Select(PaymentResponse.From).ToList());
    }

    public static async Task<Results<Ok<PaymentResponse>, NotFound>> GetPayment(Guid id, ClaimsPrincipal user, PaymentDbContext db,
        CancellationToken ct)
    {
        var userId = user.UserId();
        var payment = await db.Payments.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id && p.UserId == userId, ct);
        return payment is null ? TypedResults.NotFound() : TypedResults.Ok(PaymentResponse.From(payment));
    }

    /// <summary>
    /// Pays a Pending, unexpired order. The attempt is recorded with its Idempotency-Key before the processor is
    /// called, and the processor gets the key, so a retry (or the resolver, if nobody retries) never charges twice.
    /// One payment per order: a retry with the same key answers that payment; another key answers 409.
    /// </summary>
    public static async Task<Results<CreatedAtRoute<PaymentResponse>, ValidationProblem, ProblemHttpResult>> Pay(
        PayRequest request, [FromHeader(Name = IdempotencyKeyHeader)] string? idempotencyKey, [AsParameters] PaymentServices services,
        HttpContext http, CancellationToken ct)
    {
        var (orders, settlement, ledger, time, logger) = services;
        var userId = http.User.UserId();
        if (string.IsNullOrWhiteSpace(idempotencyKey) || idempotencyKey.Length > 100)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                [IdempotencyKeyHeader] = ["An Idempotency-Key header (1 to 100 characters) is required, so a retried request never charges twice."],
            });
        }

        // The order is read first, as the user (another user's order is 404): a payable order gets its attempt recorded
        // at once, and only an order that can no longer be paid needs a look for its payment (a retry after success).
        var order = await orders.GetOrderAsync(request.OrderId, AuthenticationHeaderValue.Parse(http.Request.Headers.Authorization!), ct);
        if (order is null) return OrderNotFound(request.OrderId);
        var now = time.GetUtcNow().UtcDateTime;
        var payable = order.Status == "Pending" && order.ExpiresAt > now;
        var payment = payable
            ? await ledger.RecordAttemptAsync(Payment.Attempt(order.Id, userId, idempotencyKey, order.Total, now), ct)
            : await ledger.FindByOrderAsync(order.Id, ct);
        if (payment is null)
        {
            var status = order.Status == "Pending" ? "expired" : order.Status;
            return TypedResults.Problem($"Order {order.Id} is {status}; only a Pending, unexpired order can be paid.",
                statusCode: StatusCodes.Status409Conflict, title: "Order cannot be paid");
        }
        if (payment.UserId != userId) return OrderNotFound(request.OrderId);

        if (payment.IdempotencyKey != idempotencyKey)
        {
            return TypedResults.Problem($"Order {request.OrderId} already has a payment ({payment.Status}); it is paid once.",
                statusCode: StatusCodes.Status409Conflict, title: "Order already has a payment");
        }
        if (payment.Status == PaymentStatus.Pending)
        {
            // Ours, or an earlier request with this key whose outcome is not recorded: the processor answers the key
            // once. From here the client may go; the payment is settled to the end.
            try
            {
                var recorded = await settlement.ChargeAsync(payment, request.CardNumber!, CancellationToken.None);
                if (recorded is null)
                {
                    return TypedResults.Problem(
                        "The processor did not answer in time, so the attempt was abandoned and nothing was charged. " +
                        $"Pay order {request.OrderId} again with a new Idempotency-Key.",
                        statusCode: StatusCodes.Status409Conflict, title: "Payment attempt abandoned");
                }
                payment = recorded;
            }
            catch (Exception ex) when (
                ex is DbException or DbUpdateException or HttpRequestException or TimeoutException or InvalidOperationException)
            {
                logger.LogWarning(ex, "Payment {PaymentId} of order {OrderId}: outcome not recorded", payment.Id, payment.OrderId);
                return TypedResults.Problem(
                    "The payment's outcome could not be recorded yet. Retry with the same Idempotency-Key: it is charged once.",
                    statusCode: StatusCodes.Status503ServiceUnavailable, title: "Payment outcome pending");
            }
        }
        return TypedResults.CreatedAtRoute(PaymentResponse.From(payment), nameof(GetPayment), new { id = payment.Id });
    }

    private static ProblemHttpResult OrderNotFound(Guid orderId) =>
        TypedResults.Problem($"Order {orderId} does not exist.", statusCode: StatusCodes.Status404NotFound, title: "Order not found");
}

public sealed record PayRequest(Guid OrderId, [property: Required, StringLength(19, MinimumLength = 12)] string? CardNumber);

public sealed record PaymentResponse(Guid Id, Guid OrderId, decimal Amount, string Status, string? FailureReason, DateTime CreatedAt)
{
    public static PaymentResponse From(Payment p) =>
        new(p.Id, p.OrderId, p.Amount, p.Status.ToString(), p.FailureReason, p.CreatedAt);
}
