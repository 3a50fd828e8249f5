using FlashSales.EntityFrameworkCore.MySql;

namespace FlashSales.Payment.Infrastructure;

internal sealed class PaymentDbContextDesignFactory : MySqlDesignTimeDbContextFactory<PaymentDbContext>;
