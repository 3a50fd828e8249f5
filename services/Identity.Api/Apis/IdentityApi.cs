using FlashSales.Authentication;
using FlashSales.Identity.SignIn;
using FlashSales.Identity.Tokens;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace FlashSales.Identity.Apis;

/// <summary>Registration, sign-in (password → access token + refresh token), refresh, and who am I.</summary>
public static class IdentityApi
{
    public static IEndpointRouteBuilder MapIdentityApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/identity").WithTags("Identity");
        api.MapPost("/users", Register).AllowAnonymous();
        api.MapPost("/token", SignIn).AllowAnonymous();
        api.MapPost("/token/refresh", Refresh).AllowAnonymous();
        api.MapGet("/me", Me).RequireAuthorization(AuthorizationPolicies.Shopper);
        return app;
    }

    /// <summary>A new shopper account. Roles are never chosen here: admins are made by an admin (or the Development seed).</summary>
    public static async Task<Results<Created<UserResponse>, ValidationProblem, ProblemHttpResult>> Register(
        RegisterRequest request, UserManager<IdentityUser> users, ILogger<RegisterRequest> logger)
    {
        var user = new IdentityUser(request.UserName);
        var created = await users.CreateAsync(user, request.Password);
        if (created.Succeeded) return TypedResults.Created("/api/identity/me", new UserResponse(user.Id, user.UserName!, []));

        logger.LogInformation("Registration of {UserName} refused: {Errors}", request.UserName,
            string.Join(", ", created.Errors.Select(e => e.Code)));
        if (created.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.DuplicateUserName)))
        {
            return TypedResults.Problem("That user name is taken.", statusCode: StatusCodes.Status409Conflict, title: "User name taken");
        }
        return TypedResults.ValidationProblem(created.Errors
            .GroupBy(e => e.Code.StartsWith("Password", StringComparison.Ordinal) ? "password" : "userName")
            .ToDictionary(g => g.Key, g => g.Select(e => e.Description).ToArray()));
    }

    /// <summary>
    /// Checks the password (locking the account out, for the address the failures came from, after repeated failures)
    /// and signs the user in. Unknown user, wrong password and locked out all answer the same 401, so accounts cannot
    /// be probed.
    /// </summary>
    public static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> SignIn(
        SignInRequest request, UserManager<IdentityUser> users, SignInManager<IdentityUser> signIn, SignInLockout lockout,
        AccessTokenIssuer access, RefreshTokenStore refresh, HttpContext http, ILogger<SignInRequest> logger, CancellationToken ct)
    {
        var address = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var user = await users.FindByNameAsync(request.UserName);
        var lockedOut = user is not null && lockout.IsLockedOut(user.Id, address);
        var checkedPassword = user is null
            || lockedOut ? null : await signIn.CheckPasswordSignInAsync(user, request.Password, lockoutOnFailure: false);
        if (user is null || checkedPassword is not { Succeeded: true })
        {
            if (user is not null && !lockedOut) lockout.Failed(user.Id, address);
            logger.LogInformation("Sign-in of {UserName} from {Address} refused ({Reason})", request.UserName, address,
                user is null ? "unknown user" : lockedOut || checkedPassword!.IsLockedOut ? "locked out" : "wrong password");
            return SignInFailed();
        }
        lockout.Succeeded(user.Id, address);
        return TypedResults.Ok(await TokensAsync(user, users, access, refresh, ct));
    }

    /// <summary>Trades a refresh token (once) for a new access token and a new refresh token.</summary>
    public static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> Refresh(
        RefreshRequest request, UserManager<IdentityUser> users, AccessTokenIssuer access, RefreshTokenStore refresh,
        ILogger<RefreshRequest> logger, CancellationToken ct)
    {
        var userId = await refresh.RedeemAsync(request.RefreshToken, ct);
        var user = userId is null ? null : await users.FindByIdAsync(userId);
        if (user is null || await users.IsLockedOutAsync(user))
        {
            logger.LogInformation("Refresh refused: the token is unknown, used or lapsed, or its user is locked out");
            return TypedResults.Problem("The refresh token is not valid (unknown, already used or lapsed). Sign in again.",
                statusCode: StatusCodes.Status401Unauthorized, title: "Invalid refresh token");
        }
        return TypedResults.Ok(await TokensAsync(user, users, access, refresh, ct));
    }

    public static async Task<Results<Ok<UserResponse>, NotFound>> Me(HttpContext http, UserManager<IdentityUser> users)
    {
        var user = await users.FindByIdAsync(http.User.UserId());
        if (user is null) return TypedResults.NotFound();
        return TypedResults.Ok(new UserResponse(user.Id, user.UserName!, [.. await users.GetRolesAsync(user)]));
    }

    private static async Task<TokenResponse> TokensAsync(
        IdentityUser user, UserManager<IdentityUser> users, AccessTokenIssuer access, RefreshTokenStore refresh, CancellationToken ct)
    {
        var (accessToken, expiresAt) = access.Issue(user, await users.GetRolesAsync(user));
        var (refreshToken, refreshExpiresAt) = await refresh.IssueAsync(user.Id, ct);
        return new TokenResponse(accessToken, "Bearer", (int)access.Lifetime.TotalSeconds, expiresAt, refreshToken, refreshExpiresAt);
    }

    private static ProblemHttpResult SignInFailed() => TypedResults.Problem(
        "The user name or password is wrong, or the account is locked for a while after repeated failures.",
        statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed");
}
