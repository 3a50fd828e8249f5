using FlashSales.EntityFrameworkCore.MySql;

namespace FlashSales.Catalog.Infrastructure;

internal sealed class ProductDbContextDesignFactory : MySqlDesignTimeDbContextFactory<ProductDbContext>;
