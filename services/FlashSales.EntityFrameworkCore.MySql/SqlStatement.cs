using System.Text;
using Microsoft.EntityFrameworkCore;
using MySqlConnector;

namespace FlashSales.EntityFrameworkCore.MySql;

/// <summary>
/// Builds one parameterised statement, typically a multi-row INSERT or an UPDATE joined to a list of values, so that
/// a whole batch goes to the server as one statement inside the context's transaction.
/// </summary>
public sealed class SqlStatement(string head)
{
    private readonly StringBuilder _sql = new(head);
    private readonly List<MySqlParameter> _parameters = [];
    private int _rows;

    public int Rows => _rows;

    /// <summary>Appends <c>(v1, v2, …)</c>, comma-separated from the previous row.</summary>
    public SqlStatement Row(params object?[] values)
    {
        _sql.Append(_rows++ == 0 ? "(" : ", (");
        AppendValues(values);
        _sql.Append(')');
        return this;
    }

    /// <summary>Appends <c>SELECT v1 AS c1, …</c> joined by UNION ALL: a derived table of values to join against.</summary>
    public SqlStatement SelectRow(IReadOnlyList<string> columns, params object?[] values)
    {
        _sql.Append(_rows++ == 0 ? "SELECT " : " UNION ALL SELECT ");
        for (var i = 0; i < values.Length; i++)
        {
            if (i > 0) _sql.Append(", ");
            _sql.Append(Parameter(values[i])).Append(" AS `").Append(columns[i]).Append('`');
        }
        return this;
    }

    /// <summary>Appends a comma-separated list of values, e.g. for IN (…).</summary>
    public SqlStatement List<T>(IEnumerable<T> values)
    {
        var first = true;
        foreach (var value in values)
        {
            if (!first) _sql.Append(", ");
            _sql.Append(Parameter(value));
            first = false;
        }
        return this;
    }

    public SqlStatement Append(string sql)
    {
        _sql.Append(sql);
        return this;
    }

    /// <summary>Appends a parameter holding <paramref name="value"/>.</summary>
    public SqlStatement Value(object? value)
    {
        _sql.Append(Parameter(value));
        return this;
    }

    public Task<int> ExecuteAsync(DbContext db, CancellationToken ct) =>
        db.Database.ExecuteSqlRawAsync(_sql.ToString(), _parameters, ct);

    /// <summary>Runs the statement synchronously: for a thread of its own (a group commit), which it blocks meanwhile.</summary>
    public int Execute(DbContext db) => db.Database.ExecuteSqlRaw(_sql.ToString(), _parameters);

    /// <summary>Runs the statement as a query of <paramref name="set"/>'s entities, untracked.</summary>
    public Task<List<T>> QueryAsync<T>(DbSet<T> set, CancellationToken ct) where T : class =>
        set.FromSqlRaw(_sql.ToString(), [.. _parameters]).AsNoTracking().ToListAsync(ct);

    /// <summary>Runs the statement as a query of <paramref name="set"/>'s entities, tracked (to be changed and saved).</summary>
    public Task<List<T>> QueryTrackedAsync<T>(DbSet<T> set, CancellationToken ct) where T : class =>
        set.FromSqlRaw(_sql.ToString(), [.. _parameters]).ToListAsync(ct);

    public override string ToString() => _sql.ToString();

    private void AppendValues(object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            if (i > 0) _sql.Append(", ");
            _sql.Append(Parameter(values[i]));
        }
    }

    private string Parameter(object? value)
    {
        var name = $"@p{_parameters.Count}";
        // Guids are stored as char(36), as EF maps them.
        _parameters.Add(new MySqlParameter(name, value switch { Guid g => g.ToString(), Enum e => e.ToString(), null => DBNull.Value, _ => value }));
        return name;
    }
}
