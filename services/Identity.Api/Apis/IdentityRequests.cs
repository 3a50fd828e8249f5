using System.ComponentModel.DataAnnotations;

namespace FlashSales.Identity.Apis;

public sealed record RegisterRequest(
    [property: Required, StringLength(64, MinimumLength = 3)] string UserName,
    [property: Required, StringLength(128, MinimumLength = 8)] string Password);

public sealed record SignInRequest(
    [property: Required, StringLength(64)] string UserName,
    [property: Required, StringLength(128)] string Password);

public sealed record RefreshRequest([property: Required, StringLength(200)] string RefreshToken);

public sealed record UserResponse(string Id, string UserName, IReadOnlyList<string> Roles);

/// <summary>What sign-in and refresh hand out, in OAuth's token-response shape (camel-cased).</summary>
public sealed record TokenResponse(string AccessToken, string TokenType, int ExpiresIn, DateTime ExpiresAt, string RefreshToken,
    DateTime RefreshTokenExpiresAt);
