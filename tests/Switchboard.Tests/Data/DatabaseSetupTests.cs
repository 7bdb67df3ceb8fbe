using Npgsql;
using Switchboard.Data;

namespace Switchboard.Tests.Data;

public sealed class DatabaseSetupTests
{
    [Fact]
    public void PostgreSQL_statements_are_prepared_unless_the_connection_string_says_otherwise()
    {
        new NpgsqlConnectionStringBuilder(DatabaseSetup.PreparePostgres("Host=db;Username=u")).MaxAutoPrepare.ShouldBe(64);
        new NpgsqlConnectionStringBuilder(DatabaseSetup.PreparePostgres("Host=db;Max Auto Prepare=0")).MaxAutoPrepare.ShouldBe(0);
        new NpgsqlConnectionStringBuilder(DatabaseSetup.PreparePostgres("Host=db;maxautoprepare=5")).MaxAutoPrepare.ShouldBe(5);
    }
}
