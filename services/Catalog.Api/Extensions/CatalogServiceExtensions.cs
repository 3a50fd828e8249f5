using Medallion.Threading;
using Medallion.Threading.Redis;
using StackExchange.Redis;
using FlashSales.EventBus;
using FlashSales.IntegrationEvents;
using FlashSales.Catalog.Browsing;
using FlashSales.Catalog.IntegrationEvents;
using FlashSales.Catalog.Reservations;
using FlashSales.Catalog.Waitlist;
using FlashSales.ServiceInfrastructure;
using FlashSales.Authentication;

namespace FlashSales.Catalog.Extensions;

internal static class CatalogServiceExtensions
{
    public static void AddCatalogServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceInfrastructure<ProductDbContext>("productdb")
            .AddSubscription<OrderCompletedIntegrationEvent, ConfirmReservationHandler>()
            .AddSubscription<OrderFailedIntegrationEvent, ReleaseReservationHandler<OrderFailedIntegrationEvent>>()
            .AddSubscription<OrderCancelledIntegrationEvent, ReleaseReservationHandler<OrderCancelledIntegrationEvent>>();

        // Called here, not in a shared library: the validation and OpenAPI source generators only see the endpoints
        // (and their XML doc comments) of the project that calls AddValidation and AddOpenApi.
        builder.Services.AddValidation();
        builder.Services.AddOpenApi();
        builder.AddFlashSalesAuthentication(acceptsServiceCredentials: true);
        builder.Services.AddScoped<ProductDetailCache>();
        builder.Services.AddSingleton<SaleCatalog>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<SaleCatalog>());
        builder.Services.Configure<LiveOptions>(builder.Configuration.GetSection("Live"));
        builder.Services.AddSingleton<StockFeed>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<StockFeed>());
        builder.Services.AddReservations(builder.Configuration);
        builder.Services.Configure<WaitlistOptions>(builder.Configuration.GetSection("Waitlist"));
        builder.Services.AddScoped<WaitlistService>();
        builder.Services.AddScoped<WaitlistHandover>();
    }

    private static void AddReservations(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ReservationOptions>(configuration.GetSection("Reservation"));
        services.AddSingleton<StockCounters>();
        services.AddSingleton<StockMetrics>();
        // The lock strategy's per-product locks (the atomic strategy takes none).
        services.AddSingleton<IDistributedLockProvider>(sp =>
            new RedisDistributedSynchronizationProvider(sp.GetRequiredService<IConnectionMultiplexer>().GetDatabase()));
        services.AddSingleton<ReservationWriter>();
        services.AddScoped<ReservationService>();
        services.AddScoped<ReservationLifecycle>();
        services.AddScoped<ReservationReleaser>();
        services.AddHostedService<StockCounterWarmup>();
        // An expired order's units come back when its lease lapses: no event needed.
        services.AddHostedService<LeaseSweeper>();
        services.AddHostedService<CounterReconciler>();

        var strategy = configuration["Reservation:Strategy"] ?? "atomic";
        switch (strategy)
        {
            case "atomic": services.AddScoped<IReservationStrategy, AtomicReservationStrategy>(); break;
            case "lock": services.AddScoped<IReservationStrategy, LockReservationStrategy>(); break;
            default: throw new InvalidOperationException($"Reservation:Strategy is '{strategy}'; use atomic or lock.");
        }
    }
}
