using Microsoft.Extensions.Configuration;
using FlashSales.AppHost;
using FlashSales.AppHost.Infrastructure;

var builder = DistributedApplication.CreateBuilder(args);

var backing = BackingServices.Add(builder);

// Secrets: generated once and kept in the AppHost's user secrets (never in the repository).
var jwtSigningKey = builder.AddParameter("jwt-signing-key", SigningKey(), secret: true, persist: true);
var serviceSigningKey = builder.AddParameter("service-signing-key", SigningKey(), secret: true, persist: true);
var adminPassword = builder.AddParameter("admin-password", StrongPassword(), secret: true, persist: true);
var shopperPassword = builder.AddParameter("shopper-password", StrongPassword(), secret: true, persist: true);

var identity = builder.AddProject<Projects.Identity_Api>("identity")
    .WithEnvironment("Jwt__SigningKey", jwtSigningKey)
    .WithEnvironment("Identity__Seed__AdminPassword", adminPassword)
    .WithEnvironment("Identity__Seed__ShopperPassword", shopperPassword)
    .WithSetting("Identity__PasswordHashIterations", builder.Configuration["Identity:PasswordHashIterations"])
    .WithSetting("Tokens__AccessTokenLifetime", builder.Configuration["Tokens:AccessTokenLifetime"])
    .WithTelemetrySettings(builder.Configuration)
    .WithReference(backing.IdentityDb).WaitFor(backing.IdentityDb)
    .WithHttpHealthCheck("/health");

var product = builder.AddProject<Projects.Catalog_Api>("product")
    .WithInternalHttp2Endpoint()
    .WithTokenValidation(jwtSigningKey, serviceSigningKey)
    .WithSetting("Reservation__Strategy", builder.Configuration["Reservation:Strategy"])
    .WithSetting("Reservation__LeaseGrace", builder.Configuration["Reservation:LeaseGrace"])
    .WithSetting("Reservation__ReconcileInterval", builder.Configuration["Reservation:ReconcileInterval"])
    .WithSetting("Reservation__ReconcileSettle", builder.Configuration["Reservation:ReconcileSettle"])
    // A waitlisted shopper's claim holds its unit as long as any order's lease.
    .WithSetting("Waitlist__ClaimTtl", builder.Configuration["Orders:ReservationTtl"])
    .WithSettingsSection("Waitlist", builder.Configuration)
    .WithTelemetrySettings(builder.Configuration)
    .WithBackingServices(backing, backing.ProductDb)
    .WithHttpHealthCheck("/health");

var orderReplicas = builder.Configuration.GetValue("Services:OrderReplicas", 1);
var order = builder.AddProject<Projects.Ordering_Api>("order")
    .WithInternalHttp2Endpoint(orderReplicas)
    .WithReplicas(orderReplicas)
    .WithTokenValidation(jwtSigningKey, serviceSigningKey)
    .WithSetting("Orders__ReservationTtl", builder.Configuration["Orders:ReservationTtl"])
    .WithTelemetrySettings(builder.Configuration)
    .WithBackingServices(backing, backing.OrderDb)
    .WithReference(product).WaitFor(product)
    .WithHttpHealthCheck("/health");

var payment = builder.AddProject<Projects.Payments_Api>("payment")
    .WithInternalHttp2Endpoint()
    // Validates shoppers' tokens only: it neither calls nor serves internal endpoints, so it never gets the services' key.
    .WithEnvironment("Jwt__SigningKey", jwtSigningKey)
    .WithSetting("Payment__ResolvePendingAfter", builder.Configuration["Payment:ResolvePendingAfter"])
    .WithSetting("Payment__ResolveInterval", builder.Configuration["Payment:ResolveInterval"])
    .WithSetting("Payment__Simulator__SlowCardLatency", builder.Configuration["Payment:Simulator:SlowCardLatency"])
    .WithTelemetrySettings(builder.Configuration)
    .WithBackingServices(backing, backing.PaymentDb)
    .WithReference(order).WaitFor(order)
    .WithHttpHealthCheck("/health");

builder.AddProject<Projects.Gateway>("gateway")
    .WithEnvironment("Jwt__SigningKey", jwtSigningKey)
    .WithSettingsSection("RateLimits", builder.Configuration)
    .WithSettingsSection("Gateway", builder.Configuration)
    .WithTelemetrySettings(builder.Configuration)
    .WithReference(identity).WaitFor(identity)
    .WithReference(product).WaitFor(product)
    .WithReference(order).WaitFor(order)
    .WithReference(payment).WaitFor(payment)
    .WithHttpHealthCheck("/health")
    .WithExternalHttpEndpoints()
    .WithEndpoint("http", e =>
    {
        // The single public entry is reached directly, not through Aspire's proxy, which costs CPU on every request.
        e.IsProxied = false;
        // Tests and the benchmark ask for random ports: the gateway then takes a free one, not the launch profile's.
        if (builder.Configuration.GetValue<bool>("DcpPublisher:RandomizePorts")) e.Port = null;
    });

builder.Build().Run();

static GenerateParameterDefault SigningKey() => new() { MinLength = 64, Special = false };

// What Identity's password rules ask for: upper and lower case, a digit and a symbol.
static GenerateParameterDefault StrongPassword() =>
    new() { MinLength = 24, MinLower = 2, MinUpper = 2, MinNumeric = 2, MinSpecial = 2 };
