using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace FlashSales.EntityFrameworkCore.MySql;

public static class UtcDateTimeConventions
{
    /// <summary>
    /// MySQL's DATETIME(6) keeps neither the kind nor ticks below a microsecond. Every DateTime is stored as UTC and read
    /// back as UTC, rounded to the microsecond on the way in, so a value reads back exactly as it was written
    /// (an idempotent replay answers byte for byte what the first request answered).
    /// </summary>
    public static ModelConfigurationBuilder UseUtcDateTimes(this ModelConfigurationBuilder configuration)
    {
        configuration.Properties<DateTime>().HaveConversion<UtcConverter>();
        configuration.Properties<DateTime?>().HaveConversion<UtcConverter>();
        return configuration;
    }

    public static DateTime ToMicroseconds(this DateTime value) =>
        new(value.Ticks - value.Ticks % 10, DateTimeKind.Utc);

    private sealed class UtcConverter() : ValueConverter<DateTime, DateTime>(
        v => v.ToUniversalTime().ToMicroseconds(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}
