using FlashSales.IntegrationEventLog;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace FlashSales.IntegrationEventLog;

public static class IntegrationEventLogExtensions
{
    /// <summary>
    /// Relays <typeparamref name="TContext"/>'s outbox to the event bus, woken by every save that adds outbox messages.
    /// The context's model must call <see cref="IntegrationEventLogModel.UseIntegrationEventLog"/>.
    /// </summary>
    public static IHostApplicationBuilder AddOutboxRelay<TContext>(this IHostApplicationBuilder builder) where TContext : DbContext
    {
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<OutboxSignal>();
        builder.Services.ConfigureDbContext<TContext>((sp, options) => options.AddInterceptors(sp.GetRequiredService<OutboxSignal>()));
        builder.Services.TryAddSingleton<OutboxMetrics>();
        builder.Services.AddHostedService<OutboxRelay<TContext>>();
        return builder;
    }
}
