using FlashSales.EntityFrameworkCore.MySql;
using FlashSales.IntegrationEventLog;
using FlashSales.Payments.Processor;

namespace FlashSales.Payments.Infrastructure;

public sealed class PaymentDbContext(DbContextOptions<PaymentDbContext> options) : DbContext(options)
{
    public DbSet<Payment> Payments => Set<Payment>();

    public DbSet<SimulatedRefund> SimulatedRefunds => Set<SimulatedRefund>();

    public DbSet<SimulatedCharge> SimulatedCharges => Set<SimulatedCharge>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.UseUtcDateTimes();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Payment>(b =>
        {
            b.ToTable("payments");
            b.HasKey(p => p.Id);
            // One payment per order: concurrent attempts meet on this key, and only one reaches the processor.
            b.HasIndex(p => p.OrderId).IsUnique();
            b.HasIndex(p => new { p.Status, p.CreatedAt });
            b.HasIndex(p => new { p.UserId, p.CreatedAt });
            b.Property(p => p.IdempotencyKey).HasMaxLength(100).UseCollation("utf8mb4_bin");
            b.Property(p => p.UserId).HasMaxLength(100).UseCollation("utf8mb4_bin");
            b.Property(p => p.Amount).HasPrecision(18, 2);
            b.Property(p => p.Status).HasConversion<string>().HasMaxLength(20);
            b.Property(p => p.FailureReason).HasMaxLength(200);
        });
        modelBuilder.Entity<SimulatedCharge>(b =>
        {
            b.ToTable("simulated_charges");
            b.HasKey(c => new { c.OrderId, c.IdempotencyKey });
            b.Property(c => c.IdempotencyKey).HasMaxLength(100).UseCollation("utf8mb4_bin");
            b.Property(c => c.Amount).HasPrecision(18, 2);
            b.Property(c => c.DeclineReason).HasMaxLength(200);
        });
        modelBuilder.Entity<SimulatedRefund>(b =>
        {
            b.ToTable("simulated_refunds");
            b.HasKey(r => new { r.OrderId, r.IdempotencyKey });
            b.Property(r => r.IdempotencyKey).HasMaxLength(100).UseCollation("utf8mb4_bin");
            b.Property(r => r.Amount).HasPrecision(18, 2);
        });
        modelBuilder.UseIntegrationEventLog();
    }
}
