using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace FlashSales.EntityFrameworkCore.MySql;

/// <summary>Lets `dotnet ef migrations add` build a service's model without a running server.</summary>
public abstract class MySqlDesignTimeDbContextFactory<TContext> : IDesignTimeDbContextFactory<TContext> where TContext : DbContext
{
    public TContext CreateDbContext(string[] args) => (TContext)Activator.CreateInstance(typeof(TContext),
        new DbContextOptionsBuilder<TContext>().UseMySql("Server=localhost", ServerVersion.Parse("10.11-mariadb")).Options)!;
}
