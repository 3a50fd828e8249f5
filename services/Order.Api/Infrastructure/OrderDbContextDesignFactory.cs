using FlashSales.EntityFrameworkCore.MySql;

namespace FlashSales.Order.Infrastructure;

internal sealed class OrderDbContextDesignFactory : MySqlDesignTimeDbContextFactory<OrderDbContext>;
