using System.Security.Claims;
using FlashSales.Authentication;
using FlashSales.Catalog.Waitlist;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FlashSales.Catalog.Apis;

/// <summary>
/// A signed-in shopper's place on an event product's waitlist. When a unit comes back, the first shopper in line gets
/// a claim of their own: a Pending order (see the orders API and its live updates) to pay before its lease ends.
/// </summary>
public static class WaitlistApi
{
    public static IEndpointRouteBuilder MapWaitlistApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/products/{id:guid}/waitlist").RequireAuthorization(AuthorizationPolicies.Shopper)
            .WithTags("Waitlist");
        api.MapGet("/", GetPosition);
        api.MapPost("/", Join);
        api.MapDelete("/", Leave);
        return app;
    }

    public static async Task<Ok<WaitlistPosition>> GetPosition(Guid id, ClaimsPrincipal user, WaitlistService waitlist, CancellationToken ct) =>
        TypedResults.Ok(await waitlist.PositionAsync(id, user.UserId(), ct));

    /// <summary>
    /// Joins the waitlist (joining again answers the same place): 409 with a <c>code</c> when the sale is not open or
    /// closed, units are on sale, every unit is paid for, the shopper's limit is reached, or the list is full.
    /// </summary>
    public static async Task<Results<Ok<WaitlistPosition>, NotFound, ProblemHttpResult>> Join(
        Guid id, ClaimsPrincipal user, WaitlistService waitlist, CancellationToken ct)
    {
        var (position, refusal) = await waitlist.JoinAsync(id, user.UserId(), ct);
        if (refusal is not null) return TypedResults.Problem(refusal);
        return position is null ? TypedResults.NotFound() : TypedResults.Ok(position);
    }

    /// <summary>Leaves the waitlist; 409 once the shopper's turn came (their claim is an order: pay or cancel it).</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> Leave(Guid id, ClaimsPrincipal user, WaitlistService waitlist,
        CancellationToken ct) =>
        await waitlist.LeaveAsync(id, user.UserId(), ct)
            ? TypedResults.NoContent()
            : TypedResults.Problem("Your turn came: your claim is an order now; pay or cancel it.",
                statusCode: StatusCodes.Status409Conflict, title: "Already offered");
}
