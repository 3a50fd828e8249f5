using Microsoft.Extensions.Configuration;
using FlashSales.AppHost;
using FlashSales.AppHost.Infrastructure;
using FlashSales.AppHost.Infrastructure.Kafka;
using FlashSales.AppHost.Infrastructure.MySql;
using FlashSales.AppHost.Infrastructure.Redis;

var builder = DistributedApplication.CreateBuilder(args);
var mode = builder.GetInfrastructureMode();

var mysql = builder.AddMySql("mysql", mode);
var productDb = mysql.AddDatabase("productdb");
var orderDb = mysql.AddDatabase("orderdb");
var paymentDb = mysql.AddDatabase("paymentdb");
var redis = builder.AddFlashSalesRedis("redis", mode);
var kafka = builder.AddKafka("kafka", mode);
var adminKey = builder.AddParameter("admin-key", new GenerateParameterDefault { MinLength = 32, Special = false }, secret: true, persist: true);

var product = builder.AddProject<Projects.Product_Api>("product")
    .WithInternalHttp2Endpoint()
    .WithEnvironment("Admin__ApiKey", adminKey)
    .WithSetting("Reservation__Strategy", builder.Configuration["Reservation:Strategy"])
    .WithSetting("Reservation__LeaseGrace", builder.Configuration["Reservation:LeaseGrace"])
    .WithSetting("Reservation__ReconcileInterval", builder.Configuration["Reservation:ReconcileInterval"])
    .WithSetting("Reservation__ReconcileSettle", builder.Configuration["Reservation:ReconcileSettle"])
    .WithTelemetrySettings(builder.Configuration)
    .WithReference(productDb).WaitFor(productDb)
    .WithReference(redis).WaitFor(redis)
    .WithReference(kafka).WaitFor(kafka)
    .WithHttpHealthCheck("/health");

var orderReplicas = builder.Configuration.GetValue("Services:OrderReplicas", 1);
var order = builder.AddProject<Projects.Order_Api>("order")
    .WithInternalHttp2Endpoint(orderReplicas)
    .WithReplicas(orderReplicas)
    .WithSetting("Orders__ReservationTtl", builder.Configuration["Orders:ReservationTtl"])
    .WithTelemetrySettings(builder.Configuration)
    .WithReference(orderDb).WaitFor(orderDb)
    .WithReference(redis).WaitFor(redis)
    .WithReference(kafka).WaitFor(kafka)
    .WithReference(product).WaitFor(product)
    .WithHttpHealthCheck("/health");

var payment = builder.AddProject<Projects.Payment_Api>("payment")
    .WithInternalHttp2Endpoint()
    .WithSetting("Payment__ResolvePendingAfter", builder.Configuration["Payment:ResolvePendingAfter"])
    .WithSetting("Payment__ResolveInterval", builder.Configuration["Payment:ResolveInterval"])
    .WithTelemetrySettings(builder.Configuration)
    .WithReference(paymentDb).WaitFor(paymentDb)
    .WithReference(redis).WaitFor(redis)
    .WithReference(kafka).WaitFor(kafka)
    .WithReference(order).WaitFor(order)
    .WithHttpHealthCheck("/health");

builder.AddProject<Projects.Gateway>("gateway")
    .WithTelemetrySettings(builder.Configuration)
    .WithReference(product).WaitFor(product)
    .WithReference(order).WaitFor(order)
    .WithReference(payment).WaitFor(payment)
    .WithHttpHealthCheck("/health")
    .WithExternalHttpEndpoints();

builder.Build().Run();
