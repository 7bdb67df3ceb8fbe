namespace Switchboard.Data;

/// <summary>
/// A query compiled once with <c>EF.CompileAsyncQuery</c>, one copy per provider: a compiled query keeps
/// what it built for the first context that ran it, and one process may hold both a SQLite and a
/// PostgreSQL context (the tests do), so each provider compiles its own.
/// </summary>
public sealed class CompiledPerProvider<TQuery>(Func<TQuery> compile) where TQuery : class
{
    private readonly Lazy<TQuery> _sqlite = new(compile);
    private readonly Lazy<TQuery> _postgres = new(compile);

    public TQuery For(SwitchboardDb db) => db is SqliteSwitchboardDb ? _sqlite.Value : _postgres.Value;
}
