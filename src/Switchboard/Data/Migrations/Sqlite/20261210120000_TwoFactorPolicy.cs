using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Switchboard.Data.Migrations.Sqlite
{
    /// <summary>
    /// The workspace's two-factor policy. Existing workspaces get "off" (the column's default), so nobody is locked
    /// out by the upgrade; the model writes the column on every insert, so the default serves only old rows.
    /// </summary>
    public partial class TwoFactorPolicy : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "require_two_factor",
                table: "workspaces",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "off");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "require_two_factor",
                table: "workspaces");
        }
    }
}
