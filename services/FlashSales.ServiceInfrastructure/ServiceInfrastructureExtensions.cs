using FlashSales.EventBus;
using FlashSales.IntegrationEvents;
using Medallion.Threading;
using Medallion.Threading.Redis;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Microsoft.Extensions.Hosting;

public static class ServiceInfrastructureExtensions
{
    /// <summary>
    /// What every FlashSales service runs on: its own MySQL database (with outbox relay), Redis (with distributed locks)
    /// and the Kafka event bus. Returns the event bus builder for the service's subscriptions.
    /// </summary>
    public static IEventBusBuilder AddServiceInfrastructure<TContext>(this IHostApplicationBuilder builder, string database)
        where TContext : DbContext
    {
        builder.AddMySqlDbContext<TContext>(database);
        builder.AddOutboxRelay<TContext>();
        builder.AddRedisClient("redis");
        builder.Services.AddSingleton<IDistributedLockProvider>(sp =>
            new RedisDistributedSynchronizationProvider(sp.GetRequiredService<IConnectionMultiplexer>().GetDatabase()));
        return builder.AddKafkaEventBus("kafka", Topics.DeadLetters);
    }
}
