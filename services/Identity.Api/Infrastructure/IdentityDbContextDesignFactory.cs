using FlashSales.EntityFrameworkCore.MySql;

namespace FlashSales.Identity.Infrastructure;

internal sealed class IdentityDbContextDesignFactory : MySqlDesignTimeDbContextFactory<IdentityDbContext>;
