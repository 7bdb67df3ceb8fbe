using Microsoft.EntityFrameworkCore;

namespace Switchboard.Data;

public sealed class SqliteSwitchboardDb(DbContextOptions<SqliteSwitchboardDb> options) : SwitchboardDb(options);

public sealed class PostgresSwitchboardDb(DbContextOptions<PostgresSwitchboardDb> options) : SwitchboardDb(options);
