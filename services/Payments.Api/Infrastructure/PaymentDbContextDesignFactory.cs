using FlashSales.EntityFrameworkCore.MySql;

namespace FlashSales.Payments.Infrastructure;

internal sealed class PaymentDbContextDesignFactory : MySqlDesignTimeDbContextFactory<PaymentDbContext>;
