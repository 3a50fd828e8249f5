using System.Net;
using FlashSales.Bench.Load;
using FlashSales.Bench.Measurement;

namespace FlashSales.UnitTests;

/// <summary>How the benchmark reads answers, ramps users and tells processes apart.</summary>
public sealed class BenchmarkLoadTests
{
    [Fact]
    public void An_accepted_order_gives_its_id_and_when_its_reservation_lapses()
    {
        var id = Guid.NewGuid();
        var body = $$"""
            {"id":"{{id}}","userId":"u","status":"Pending","lines":[{"productId":"{{Guid.NewGuid()}}"}],"expiresAt":"2026-11-25T18:00:00Z"}
            """;

        var answer = ShopClient.Classify(HttpStatusCode.Created, Encoding.UTF8.GetBytes(body));

        Assert.Equal(Outcome.Accepted, answer.Outcome);
        Assert.Equal(id, answer.OrderId);
        Assert.Equal(new DateTime(2026, 11, 25, 18, 0, 0, DateTimeKind.Utc), answer.ExpiresAt);
    }

    [Theory]
    [InlineData(409, """{"title":"Sold out","code":"sold_out","productIds":[]}""", Outcome.SoldOut)]
    [InlineData(409, """{"code":"not_open","opensAt":"2026-11-25T18:00:00Z"}""", Outcome.NotOpen)]
    [InlineData(409, """{"code":"closed"}""", Outcome.Closed)]
    [InlineData(409, """{"code":"limit_exceeded"}""", Outcome.LimitExceeded)]
    [InlineData(409, """{"title":"Request in progress"}""", Outcome.OtherRejection)]
    [InlineData(404, """{"code":"unknown_product"}""", Outcome.OtherRejection)]
    [InlineData(429, "", Outcome.TooManyRequests)]
    [InlineData(503, """{"code":"busy"}""", Outcome.Busy)]
    [InlineData(503, """{"code":"store_unavailable"}""", Outcome.StoreUnavailable)]
    [InlineData(503, """{"code":"not_confirmed_in_time"}""", Outcome.NotConfirmedInTime)]
    [InlineData(503, "", Outcome.Unavailable)]
    [InlineData(500, "not json", Outcome.ServerError)]
    public void Refusals_are_counted_by_the_API_s_own_code(int status, string body, Outcome expected)
    {
        Assert.Equal(expected, ShopClient.Classify((HttpStatusCode)status, Encoding.UTF8.GetBytes(body)).Outcome);
    }

    [Fact]
    public void The_original_ramp_goes_from_30_to_300_users_in_steps_of_30_every_30_seconds()
    {
        var ramp = new RampPlan(30, 30, TimeSpan.FromSeconds(30), 300, TimeSpan.FromMinutes(5));

        Assert.Equal(30, ramp.UsersAt(TimeSpan.Zero));
        Assert.Equal(30, ramp.UsersAt(TimeSpan.FromSeconds(29.9)));
        Assert.Equal(60, ramp.UsersAt(TimeSpan.FromSeconds(30)));
        Assert.Equal(300, ramp.UsersAt(TimeSpan.FromSeconds(270)));
        Assert.Equal(300, ramp.UsersAt(TimeSpan.FromSeconds(299)));
    }

    [Theory]
    [InlineData("/work/main/gateway/Gateway/bin/Release/net10.0/Gateway", "gateway")]
    [InlineData("/work/main/services/Ordering.Api/bin/Release/net10.0/Ordering.Api", "order")]
    [InlineData("dotnet\0/srv/Catalog.Api.dll", "product")]
    [InlineData("/usr/sbin/mariadbd\0--no-defaults", "mariadbd")]
    [InlineData("/usr/bin/redis-server\0127.0.0.1:6379", "redis-server")]
    [InlineData("/usr/bin/redis-server 127.0.0.1:21979              ", "redis-server")]
    [InlineData("/root/.nuget/packages/aspire.hosting.orchestration.linux-x64/13.6.5/tools/dcp\0run-controllers", "aspire-dcp")]
    [InlineData("dotnet\0run\0--project\0/work/main/services/Ordering.Api/Ordering.Api.csproj", null)]
    [InlineData("/bin/bash", null)]
    public void Processes_are_told_apart_by_their_program(string cmdline, string? part)
    {
        Assert.Equal(part, ProcessCpu.PartOf(cmdline));
    }
}
