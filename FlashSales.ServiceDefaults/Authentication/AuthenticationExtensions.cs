using FlashSales.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.Extensions.Hosting;

namespace FlashSales.Authentication;

public static class AuthenticationExtensions
{
    /// <summary>
    /// Validates shoppers' access tokens (issuer, audience, lifetime, HS256 signature) as the default scheme, and, for a
    /// service with internal endpoints, service credentials as a second scheme. Policies: <see cref="AuthorizationPolicies"/>;
    /// 401 and 403 answers get their ProblemDetails body from the status code pages. Valid tokens are remembered until
    /// they lapse (<see cref="CachingTokenHandler"/>).
    /// </summary>
    public static TBuilder AddFlashSalesAuthentication<TBuilder>(this TBuilder builder, bool acceptsServiceCredentials = false)
        where TBuilder : IHostApplicationBuilder
    {
        var users = TokenSettings.ForUsers(builder.Configuration);
        var authentication = builder.Services.AddAuthentication(acceptsServiceCredentials ? BySchemeTheEndpointWants
            : JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(JwtBearerDefaults.AuthenticationScheme, options => Validate(options, users, FlashSalesClaims.Role));

        var authorization = builder.Services.AddAuthorizationBuilder()
            .AddPolicy(AuthorizationPolicies.Shopper, p => p.RequireAuthenticatedUser().RequireClaim(FlashSalesClaims.Subject))
            .AddPolicy(AuthorizationPolicies.Admin, p => p.RequireAuthenticatedUser().RequireRole(FlashSalesClaims.AdminRole));
        authorization.SetDefaultPolicy(new AuthorizationPolicyBuilder(JwtBearerDefaults.AuthenticationScheme)
            .RequireAuthenticatedUser().RequireClaim(FlashSalesClaims.Subject).Build());

        if (acceptsServiceCredentials)
        {
            var services = TokenSettings.ForServices(builder.Configuration);
            authentication.AddJwtBearer(AuthorizationPolicies.ServiceScheme, options => Validate(options, services, FlashSalesClaims.Role));
            // A request is authenticated once, with the scheme its endpoint's policy names: a service credential
            // checked against the shoppers' key first would fail (an exception inside the handler) on every internal call.
            authentication.AddPolicyScheme(BySchemeTheEndpointWants, BySchemeTheEndpointWants, options => options.ForwardDefaultSelector = context =>
                context.GetEndpoint()?.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => a.Policy == AuthorizationPolicies.Service) == true
                    ? AuthorizationPolicies.ServiceScheme
                    : JwtBearerDefaults.AuthenticationScheme);
            authorization.AddPolicy(AuthorizationPolicies.Service, p => p
                .AddAuthenticationSchemes(AuthorizationPolicies.ServiceScheme)
                .RequireAuthenticatedUser()
                .RequireClaim(FlashSalesClaims.Service));
        }
        return builder;
    }

    private const string BySchemeTheEndpointWants = "ByEndpoint";

    private static void Validate(JwtBearerOptions options, TokenSettings settings, string roleClaim)
    {
        options.MapInboundClaims = false;
        options.TokenHandlers.Clear();
        options.TokenHandlers.Add(new CachingTokenHandler(new JsonWebTokenHandler { MapInboundClaims = false }, TimeProvider.System));
        options.TokenValidationParameters = settings.ValidationParameters(roleClaim);
        // Tokens are validated with the configured key; nothing is fetched from a metadata address.
        options.RequireHttpsMetadata = false;
    }
}
