using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace FlashSales.EntityFrameworkCore.MySql;

/// <summary>
/// EF Core wraps every SaveChanges inside an open transaction in a savepoint (two more statements), so that a failed
/// save could be retried within the transaction. FlashSales never does that: a failed save ends its transaction.
/// </summary>
internal sealed class NoAutoSavepoints : SaveChangesInterceptor
{
    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db) db.Database.AutoSavepointsEnabled = false;
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } db) db.Database.AutoSavepointsEnabled = false;
        return result;
    }
}
