using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace FlashSales.Payment.Infrastructure;

/// <summary>Lets `dotnet ef migrations add` build the model without a running server.</summary>
internal sealed class PaymentDbContextDesignFactory : IDesignTimeDbContextFactory<PaymentDbContext>
{
    public PaymentDbContext CreateDbContext(string[] args) => new(new DbContextOptionsBuilder<PaymentDbContext>()
        .UseMySql("Server=localhost", ServerVersion.Parse("10.11-mariadb"))
        .Options);
}
