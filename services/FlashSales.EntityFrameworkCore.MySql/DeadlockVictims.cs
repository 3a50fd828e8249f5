using MySqlConnector;

namespace FlashSales.EntityFrameworkCore.MySql;

/// <summary>
/// A transaction that InnoDB chose as a deadlock's victim was rolled back whole, and nothing of it was written, so it
/// can simply run again: the other transaction of the deadlock has its locks by then. Group commits do this rather than
/// fail every caller of a batch for a lock order that two transactions happened to meet in.
/// </summary>
public static class DeadlockVictims
{
    public const int Attempts = 3;

    /// <summary>Runs <paramref name="transaction"/> (which begins and ends its own transaction) up to <see cref="Attempts"/> times while it is a
    /// deadlock's victim.</summary>
    public static T RunAgain<T>(Func<T> transaction)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return transaction();
            }
            catch (MySqlException ex) when (ex.ErrorCode == MySqlErrorCode.LockDeadlock && attempt < Attempts)
            {
            }
        }
    }
}
