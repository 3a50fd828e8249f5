using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FlashSales.EntityFrameworkCore.MySql;

public static class MigrateDbContextExtensions
{
    /// <summary>
    /// Applies pending migrations before the service takes traffic. Replicas starting together serialise on a
    /// MySQL named lock held on the migrating connection, so exactly one of them migrates and the rest find nothing to do.
    /// </summary>
    public static async Task MigrateDbContextAsync<TContext>(this WebApplication app, CancellationToken cancellationToken = default)
        where TContext : DbContext
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var logger = scope.ServiceProvider.GetRequiredService<ILogger<TContext>>();
        var lockName = $"migrate:{db.Database.GetDbConnection().Database}";

        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var acquired = await db.Database
                .SqlQuery<int?>($"SELECT GET_LOCK({lockName}, 120) AS `Value`")
                .SingleAsync(cancellationToken);
            if (acquired != 1)
            {
                throw new TimeoutException($"Could not take the migration lock '{lockName}' within 120 s.");
            }

            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            logger.LogInformation("Applying {Count} migration(s) to {Context}", pending.Count, typeof(TContext).Name);
            await db.Database.MigrateAsync(cancellationToken);
        }
        finally
        {
            await db.Database.ExecuteSqlAsync($"SELECT RELEASE_LOCK({lockName})", CancellationToken.None);
            await db.Database.CloseConnectionAsync();
        }
    }
}
