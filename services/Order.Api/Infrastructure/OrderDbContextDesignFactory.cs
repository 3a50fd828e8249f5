using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace FlashSales.Order.Infrastructure;

/// <summary>Lets `dotnet ef migrations add` build the model without a running server.</summary>
internal sealed class OrderDbContextDesignFactory : IDesignTimeDbContextFactory<OrderDbContext>
{
    public OrderDbContext CreateDbContext(string[] args) => new(new DbContextOptionsBuilder<OrderDbContext>()
        .UseMySql("Server=localhost", ServerVersion.Parse("10.11-mariadb"))
        .Options);
}
