using FlashSales.Authentication;
using FlashSales.Catalog.Reservations;
using FlashSales.ReservationContracts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace FlashSales.Catalog.Apis;

/// <summary>
/// Internal: the order service reserves here, through service discovery, with its service credential (a shopper's
/// token or no token answers 401). The gateway does not route it.
/// Idempotent by order id: a retried request answers as the first one did, without taking stock twice. A refusal is
/// data (<see cref="ReservationRefusal"/>); the order service words the buyer's answer.
/// </summary>
public static class ReservationsApi
{
    public static IEndpointRouteBuilder MapReservationsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("").RequireAuthorization(AuthorizationPolicies.Service).WithTags("Reservations (internal)");
        api.MapPost(ReservationRoutes.Reserve, Reserve);
        // The largest batch the contract allows (every order with the most items) fits; the services' default cap does not.
        api.MapPost(ReservationRoutes.ReserveBatch, ReserveBatch).WithMetadata(new RequestSizeLimitAttribute(ReserveBatchRequest.MaxBodyBytes));
        api.MapDelete(ReservationRoutes.Reserve + "/{orderId:guid}", Release);
        return app;
    }

    public static async Task<Results<Ok<ReserveResponse>, JsonHttpResult<ReservationRefusal>>> Reserve(
        ReserveRequest request, ReservationService reservations)
    {
        ThrowIfAnyProductTwice(request);
        var (answer, status) = await AnswerAsync(request, reservations);
        return answer.Lease is { } lease ? TypedResults.Ok(lease) : TypedResults.Json(answer.Refusal!, statusCode: status);
    }

    /// <summary>
    /// Several orders at once (the order service sends the orders that arrive while its earlier calls are answered
    /// together): each is reserved or refused as if it had come alone, all of them concurrently, so their leases
    /// share group commits. The batch is checked whole before anything is reserved; an order that fails after that
    /// (its dependency away) is answered "unavailable" on its own, the others as they came to.
    /// </summary>
    public static async Task<Ok<ReserveBatchResponse>> ReserveBatch(ReserveBatchRequest batch, IServiceScopeFactory scopes,
        ILogger<ReserveBatchRequest> logger)
    {
        foreach (var request in batch.Requests) ThrowIfAnyProductTwice(request);
        var answers = await Task.WhenAll(batch.Requests.Select(async request =>
        {
            try
            {
                // A scope of its own per order, as a request of its own would have: scoped services (the lock
                // strategy's DbContext) are never used by two orders at once.
                await using var scope = scopes.CreateAsyncScope();
                return (await AnswerAsync(request, scope.ServiceProvider.GetRequiredService<ReservationService>())).Answer;
            }
            catch (Exception ex)
            {
                logger.LogWarning("Order {OrderId} of a batch could not be reserved ({Error}); answered unavailable", request.OrderId,
                    ex.GetBaseException().Message);
                return ReservationAnswer.Refused(new ReservationRefusal(RefusalCodes.Unavailable, []));
            }
        }));
        return TypedResults.Ok(new ReserveBatchResponse(answers));
    }

    private static void ThrowIfAnyProductTwice(ReserveRequest request)
    {
        if (request.Items.Select(i => i.ProductId).Distinct().Count() != request.Items.Count)
        {
            throw new BadHttpRequestException("Each product may appear only once.");
        }
    }

    /// <returns>The order's answer, and the HTTP status a call of its own is answered with.</returns>
    private static async Task<(ReservationAnswer Answer, int Status)> AnswerAsync(ReserveRequest request, ReservationService reservations)
    {
        // Once stock may have been taken, finish the durable write even if the caller has gone: the lease then
        // lapses on its own, instead of the units being half taken.
        var (outcome, items, opensAt) = await reservations.ReserveAsync(request, CancellationToken.None);
        if (outcome.IsReserved)
        {
            return (ReservationAnswer.Granted(new ReserveResponse(request.OrderId, items, outcome.LeaseExpiresAt!.Value)), StatusCodes.Status200OK);
        }

        var (code, status) = outcome.Rejection.ToRefusal();
        return (ReservationAnswer.Refused(new ReservationRefusal(code, outcome.ProductIds, opensAt)), status);
    }

    /// <summary>Gives back what an order holds (its order could not be recorded). Releasing twice changes nothing.</summary>
    public static async Task<NoContent> Release(Guid orderId, ReservationReleaser releaser, CancellationToken ct)
    {
        await releaser.ReleaseOrdersAsync([orderId], ct);
        return TypedResults.NoContent();
    }
}
