using FlashSales.EntityFrameworkCore.MySql;

namespace FlashSales.Ordering.Infrastructure;

internal sealed class OrderDbContextDesignFactory : MySqlDesignTimeDbContextFactory<OrderDbContext>;
