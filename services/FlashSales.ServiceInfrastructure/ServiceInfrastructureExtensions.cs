using FlashSales.EventBus;
using FlashSales.IntegrationEvents;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using FlashSales.IntegrationEventLog;
using FlashSales.EntityFrameworkCore.MySql;
using FlashSales.EventBus.Kafka;
using Microsoft.Extensions.Hosting;

namespace FlashSales.ServiceInfrastructure;

public static class ServiceInfrastructureExtensions
{
    /// <summary>
    /// What every FlashSales service runs on: its own MySQL database (with outbox relay), Redis
    /// and the Kafka event bus. Returns the event bus builder for the service's subscriptions.
    /// <paramref name="configureDbContext"/> adds to the database's options (e.g. an interceptor of the service's own).
    /// </summary>
    public static IEventBusBuilder AddServiceInfrastructure<TContext>(this IHostApplicationBuilder builder, string database,
        Action<IServiceProvider, DbContextOptionsBuilder>? configureDbContext = null)
        where TContext : DbContext
    {
        builder.AddMySqlDbContext<TContext>(database, configureDbContext);
        builder.AddOutboxRelay<TContext>();
        builder.AddRedisClient("redis");
        return builder.AddKafkaEventBus("kafka", Topics.DeadLetters);
    }
}
