using System.ComponentModel.DataAnnotations;
using FlashSales.IntegrationEventLog;
using FlashSales.IntegrationEvents;
using FlashSales.Payment.Gateway;
using FlashSales.Payment.Infrastructure;
using FlashSales.Payment.Model;
using FlashSales.Payment.Orders;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace FlashSales.Payment.Apis;

public static class PaymentsApi
{
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

    /// <summary>Charges a pending order and records the outcome with its event in one transaction (outbox).</summary>
    public static async Task<Results<CreatedAtRoute<PaymentResponse>, ProblemHttpResult>> Pay(
        PayRequest request, OrderClient orders, IPaymentGateway gateway, PaymentDbContext db, TimeProvider time, CancellationToken ct)
    {
        var order = await orders.GetOrderAsync(request.OrderId, ct);
        if (order is null)
        {
            return TypedResults.Problem($"Order {request.OrderId} does not exist.", statusCode: StatusCodes.Status404NotFound,
                title: "Order not found");
        }
        if (order.Status != "Pending")
        {
            return TypedResults.Problem($"Order {order.Id} is {order.Status}; only a Pending order can be paid.",
                statusCode: StatusCodes.Status409Conflict, title: "Order cannot be paid");
        }

        var outcome = await gateway.ChargeAsync(order.Id, order.Total, request.CardNumber, ct);
        var payment = Model.Payment.Record(order.Id, order.Total, outcome, time.GetUtcNow().UtcDateTime);
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
