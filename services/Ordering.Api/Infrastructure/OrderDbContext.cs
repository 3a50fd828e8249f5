using FlashSales.EntityFrameworkCore.MySql;
using Microsoft.EntityFrameworkCore;

namespace FlashSales.Ordering.Infrastructure;

public sealed class OrderDbContext(DbContextOptions<OrderDbContext> options) : DbContext(options)
{
    public DbSet<Order> Orders => Set<Order>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.UseUtcDateTimes();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Order>(b =>
        {
            b.ToTable("orders");
            b.HasKey(o => o.Id);
            // Ids and keys compare exactly, as the Idempotency-Key draft asks: "K" and "k" are two keys.
            b.Property(o => o.UserId).HasMaxLength(100).UseCollation("utf8mb4_bin");
            b.Property(o => o.Status).HasConversion<string>().HasMaxLength(20);
            b.Property(o => o.Total).HasPrecision(18, 2);
            b.HasIndex(o => new { o.UserId, o.CreatedAt });
            b.HasIndex(o => new { o.UserId, o.IdempotencyKey }).IsUnique();
            b.HasIndex(o => new { o.Status, o.ExpiresAt });
            b.Property(o => o.IdempotencyKey).HasMaxLength(100).UseCollation("utf8mb4_bin");
            b.HasMany(o => o.Lines).WithOne().HasForeignKey(l => l.OrderId);
            b.Navigation(o => o.Lines).AutoInclude();
        });
        modelBuilder.Entity<OrderLine>(b =>
        {
            b.ToTable("order_lines");
            b.HasKey(l => new { l.OrderId, l.ProductId });
            b.Property(l => l.ProductName).HasMaxLength(200);
            b.Property(l => l.UnitPrice).HasPrecision(18, 2);
        });
        modelBuilder.UseIntegrationEventLog();
    }
}
