using System.ComponentModel.DataAnnotations;
using FlashSales.IntegrationEventLog;
using FlashSales.IntegrationEvents;
using FlashSales.Payment.Gateway;
using FlashSales.Payment.Infrastructure;
using FlashSales.Payment.Model;
using FlashSales.Payment.Orders;
using Medallion.Threading;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace FlashSales.Payment.Apis;

public static class PaymentsApi
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    public static IEndpointRouteBuilder MapPaymentsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/payments").WithTags("Payments");
        api.MapGet("/{id:guid}", GetPayment).WithName(nameof(GetPayment));
        api.MapPost("/", Pay);
        return app;
    }

    public static async Task<Results<Ok<PaymentResponse>, NotFound>> GetPayment(Guid id, PaymentDbContext db, CancellationToken ct)
    {
        var payment = await db.Payments.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);
        return payment is null ? TypedResults.NotFound() : TypedResults.Ok(PaymentResponse.From(payment));
    }

    /// <summary>
    /// Charges a Pending, unexpired order and records the outcome with its event in one transaction (outbox).
    /// Payments of one order run one at a time: a retried key returns its payment, and a paid order is never charged again.
    /// </summary>
    public static async Task<Results<CreatedAtRoute<PaymentResponse>, ValidationProblem, ProblemHttpResult>> Pay(
        PayRequest request, [FromHeader(Name = IdempotencyKeyHeader)] string? idempotencyKey,
        OrderClient orders, IPaymentGateway gateway, IDistributedLockProvider locks, PaymentDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(idempotencyKey) || idempotencyKey.Length > 100)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                [IdempotencyKeyHeader] = ["An Idempotency-Key header (1 to 100 characters) is required, so a retried request never charges twice."],
            });
        }

        await using var orderLock = await locks.AcquireLockAsync($"fs:lock:payment:{request.OrderId}", TimeSpan.FromSeconds(30), ct);
        var previous = await db.Payments.AsNoTracking().Where(p => p.OrderId == request.OrderId).ToListAsync(ct);
        if (previous.FirstOrDefault(p => p.IdempotencyKey == idempotencyKey) is { } same)
        {
            return TypedResults.CreatedAtRoute(PaymentResponse.From(same), nameof(GetPayment), new { id = same.Id });
        }
        if (previous.Any(p => p.Status == PaymentStatus.Succeeded))
        {
            return TypedResults.Problem($"Order {request.OrderId} is already paid.", statusCode: StatusCodes.Status409Conflict, title: "Already paid");
        }

        var order = await orders.GetOrderAsync(request.OrderId, ct);
        if (order is null)
        {
            return TypedResults.Problem($"Order {request.OrderId} does not exist.", statusCode: StatusCodes.Status404NotFound, title: "Order not found");
        }
        var now = time.GetUtcNow().UtcDateTime;
        if (order.Status != "Pending" || order.ExpiresAt <= now)
        {
            var status = order.Status == "Pending" ? "expired" : order.Status;
            return TypedResults.Problem($"Order {order.Id} is {status}; only a Pending, unexpired order can be paid.",
                statusCode: StatusCodes.Status409Conflict, title: "Order cannot be paid");
        }

        var outcome = await gateway.ChargeAsync(order.Id, order.Total, request.CardNumber, ct);
        var payment = Model.Payment.Record(order.Id, idempotencyKey, order.Total, outcome, time.GetUtcNow().UtcDateTime);
        db.Payments.Add(payment);
        db.AddIntegrationEvent(outcome.Approved
            ? new PaymentSucceededIntegrationEvent(order.Id, payment.Id, payment.Amount)
            : new PaymentFailedIntegrationEvent(order.Id, payment.Id, outcome.DeclineReason!));
        await db.SaveChangesAsync(ct);

        return TypedResults.CreatedAtRoute(PaymentResponse.From(payment), nameof(GetPayment), new { id = payment.Id });
    }
}

public sealed record PayRequest(Guid OrderId, [property: StringLength(19, MinimumLength = 12)] string? CardNumber);

public sealed record PaymentResponse(Guid Id, Guid OrderId, decimal Amount, string Status, string? FailureReason, DateTime CreatedAt)
{
    public static PaymentResponse From(Model.Payment p) =>
        new(p.Id, p.OrderId, p.Amount, p.Status.ToString(), p.FailureReason, p.CreatedAt);
}
