using Microsoft.EntityFrameworkCore.Storage;

namespace FlashSales.EntityFrameworkCore.MySql;

/// <summary>
/// The COMMIT was sent and no answer came back (the connection broke, the server died): the transaction may or may not
/// be written. Unlike a failure before the COMMIT (everything rolled back), nothing may be undone on the strength of
/// it: a caller is told "not confirmed" and a retry with the same key finds out.
/// </summary>
public sealed class CommitOutcomeUnknownException(Exception inner)
    : Exception("The commit's outcome is unknown: its answer was lost.", inner);

public static class CommitOutcome
{
    /// <summary>Commits; a failure of the COMMIT itself is a <see cref="CommitOutcomeUnknownException"/>.</summary>
    public static void CommitOrUnknown(this IDbContextTransaction transaction)
    {
        try
        {
            transaction.Commit();
        }
        catch (Exception ex)
        {
            throw new CommitOutcomeUnknownException(ex);
        }
    }
}
