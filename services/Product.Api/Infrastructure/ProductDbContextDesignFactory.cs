using FlashSales.EntityFrameworkCore.MySql;

namespace FlashSales.Product.Infrastructure;

internal sealed class ProductDbContextDesignFactory : MySqlDesignTimeDbContextFactory<ProductDbContext>;
