using FlashSales.AppHost.Infrastructure.Kafka;
using FlashSales.AppHost.Infrastructure.MySql;
using FlashSales.AppHost.Infrastructure.Redis;

namespace FlashSales.AppHost.Infrastructure;

/// <summary>What the services connect to: a database each, Redis and Kafka, as the infrastructure mode has them run.</summary>
internal sealed record BackingServices(
    IResourceBuilder<IResourceWithConnectionString> ProductDb,
    IResourceBuilder<IResourceWithConnectionString> OrderDb,
    IResourceBuilder<IResourceWithConnectionString> PaymentDb,
    IResourceBuilder<IResourceWithConnectionString> IdentityDb,
    IResourceBuilder<IResourceWithConnectionString> Redis,
    IResourceBuilder<IResourceWithConnectionString> Kafka)
{
    public static BackingServices Add(IDistributedApplicationBuilder builder)
    {
        var mode = builder.GetInfrastructureMode();
        if (mode == InfrastructureMode.Existing)
        {
            // Servers that already exist (Azure Database for MySQL, Azure Cache for Redis, Event Hubs' Kafka endpoint):
            // a secret connection-string parameter each, from ConnectionStrings:<name> or asked for by azd.
            return new(
                builder.AddConnectionString("productdb"),
                builder.AddConnectionString("orderdb"),
                builder.AddConnectionString("paymentdb"),
                builder.AddConnectionString("identitydb"),
                builder.AddConnectionString("redis"),
                builder.AddConnectionString("kafka"));
        }

        var mysql = builder.AddMySql("mysql");
        var redis = builder.AddRedis("redis", maxMemory: builder.Configuration["Redis:MaxMemory"]);
        var kafka = builder.AddKafka("kafka");
        if (mode == InfrastructureMode.Local)
        {
            mysql.RunAsLocalProcess();
            redis.RunAsLocalProcess();
            kafka.RunAsMockCluster();
        }
        return new(
            mysql.AddDatabase("productdb"),
            mysql.AddDatabase("orderdb"),
            mysql.AddDatabase("paymentdb"),
            mysql.AddDatabase("identitydb"),
            redis,
            kafka);
    }
}
