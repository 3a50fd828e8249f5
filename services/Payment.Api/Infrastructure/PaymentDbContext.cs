using FlashSales.EntityFrameworkCore.MySql;
using FlashSales.IntegrationEventLog;
using Microsoft.EntityFrameworkCore;

namespace FlashSales.Payment.Infrastructure;

public sealed class PaymentDbContext(DbContextOptions<PaymentDbContext> options) : DbContext(options)
{
    public DbSet<Model.Payment> Payments => Set<Model.Payment>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.UseUtcDateTimes();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Model.Payment>(b =>
        {
            b.ToTable("payments");
            b.HasKey(p => p.Id);
            b.HasIndex(p => new { p.OrderId, p.IdempotencyKey }).IsUnique();
            b.Property(p => p.IdempotencyKey).HasMaxLength(100);
            b.Property(p => p.Amount).HasPrecision(18, 2);
            b.Property(p => p.Status).HasConversion<string>().HasMaxLength(20);
            b.Property(p => p.FailureReason).HasMaxLength(200);
        });
        modelBuilder.UseIntegrationEventLog();
    }
}
