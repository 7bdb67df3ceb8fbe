using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Switchboard.Data;

// Used only by `dotnet ef migrations add`; the running service configures the contexts in DatabaseSetup.
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteSwitchboardDb>
{
    public SqliteSwitchboardDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteSwitchboardDb>().UseSqlite("Data Source=design.db").Options);
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresSwitchboardDb>
{
    public PostgresSwitchboardDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresSwitchboardDb>().UseNpgsql("Host=localhost").Options);
}
