using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace FlashSales.Product.Infrastructure;

/// <summary>Lets `dotnet ef migrations add` build the model without a running server.</summary>
internal sealed class ProductDbContextDesignFactory : IDesignTimeDbContextFactory<ProductDbContext>
{
    public ProductDbContext CreateDbContext(string[] args) => new(new DbContextOptionsBuilder<ProductDbContext>()
        .UseMySql("Server=localhost", ServerVersion.Parse("10.11-mariadb"))
        .Options);
}
