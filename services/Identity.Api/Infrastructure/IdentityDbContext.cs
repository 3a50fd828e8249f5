using FlashSales.EntityFrameworkCore.MySql;
using FlashSales.Identity.Tokens;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace FlashSales.Identity.Infrastructure;

/// <summary>ASP.NET Core Identity's users and roles, and the refresh tokens handed out at sign-in.</summary>
public sealed class IdentityDbContext(DbContextOptions<IdentityDbContext> options) : IdentityDbContext<IdentityUser>(options)
{
    public DbSet<RefreshToken> RefreshTokens => Set<RefreshToken>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.UseUtcDateTimes();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<RefreshToken>(b =>
        {
            b.ToTable("refresh_tokens");
            b.HasKey(t => t.Id);
            b.Property(t => t.TokenHash).HasMaxLength(64).IsFixedLength().UseCollation("utf8mb4_bin");
            b.HasIndex(t => t.TokenHash).IsUnique();
            b.Property(t => t.UserId).HasMaxLength(255);
            b.HasIndex(t => t.UserId);
        });
    }
}
