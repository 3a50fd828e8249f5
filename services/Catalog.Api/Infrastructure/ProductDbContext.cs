using FlashSales.EntityFrameworkCore.MySql;
using FlashSales.IntegrationEventLog;

namespace FlashSales.Catalog.Infrastructure;

public sealed class ProductDbContext(DbContextOptions<ProductDbContext> options) : DbContext(options)
{
    public DbSet<Product> Products => Set<Product>();
    public DbSet<Reservation> Reservations => Set<Reservation>();
    public DbSet<WaitlistEntry> Waitlist => Set<WaitlistEntry>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.UseUtcDateTimes();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Product>(b =>
        {
            b.ToTable("products");
            b.HasKey(p => p.Id);
            b.Property(p => p.Name).HasMaxLength(200);
            b.Property(p => p.Description).HasMaxLength(2000);
            b.Property(p => p.Price).HasPrecision(18, 2);
            b.Property(p => p.Kind).HasConversion<string>().HasMaxLength(10);
            b.Property(p => p.Version).IsConcurrencyToken();
            b.Ignore(p => p.Available);
            b.Ignore(p => p.Window);
            b.HasIndex(p => new { p.Kind, p.OpensAt });
            b.HasIndex(p => p.Price);
            b.HasQueryFilter(p => p.DeletedAt == null);
            b.ToTable(t => t.HasCheckConstraint("CK_products_reserved", "`Reserved` >= 0 AND `Reserved` <= `Stock`"));
        });
        modelBuilder.Entity<Reservation>(b =>
        {
            b.ToTable("reservations");
            b.HasKey(r => new { r.OrderId, r.ProductId });
            b.Property(r => r.UserId).HasMaxLength(100);
            b.Property(r => r.Status).HasConversion<string>().HasMaxLength(10);
            b.HasIndex(r => new { r.ProductId, r.UserId });
            b.HasIndex(r => new { r.Status, r.ExpiresAt });
        });
        modelBuilder.Entity<WaitlistEntry>(b =>
        {
            b.ToTable("waitlist");
            b.HasKey(w => new { w.ProductId, w.UserId });
            b.Property(w => w.UserId).HasMaxLength(100);
            b.Property(w => w.Status).HasConversion<string>().HasMaxLength(10);
            b.HasIndex(w => new { w.ProductId, w.Status, w.JoinedAt });
        });
        modelBuilder.UseIntegrationEventLog();
    }
}
