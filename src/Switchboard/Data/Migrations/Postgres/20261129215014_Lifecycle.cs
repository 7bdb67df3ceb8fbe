using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Switchboard.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Lifecycle : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_invites_workspace_id_normalized_email",
                table: "invites");

            migrationBuilder.AddColumn<DateTime>(
                name: "suspended_at",
                table: "memberships",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "status",
                table: "invites",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                // Every invite stored before statuses existed was pending (used and revoked ones were deleted).
                defaultValue: "Pending");

            migrationBuilder.CreateTable(
                name: "invite_links",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    workspace_id = table.Column<Guid>(type: "uuid", nullable: false),
                    secret_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    role = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    seat = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    created_by_user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    max_uses = table.Column<int>(type: "integer", nullable: false),
                    uses = table.Column<int>(type: "integer", nullable: false),
                    revoked_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_invite_links", x => x.id);
                    table.ForeignKey(
                        name: "fk_invite_links_workspaces_workspace_id",
                        column: x => x.workspace_id,
                        principalTable: "workspaces",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_invites_workspace_id_normalized_email",
                table: "invites",
                columns: new[] { "workspace_id", "normalized_email" },
                unique: true,
                filter: "status = 'Pending'");

            migrationBuilder.CreateIndex(
                name: "ix_invites_workspace_id_status_expires_at",
                table: "invites",
                columns: new[] { "workspace_id", "status", "expires_at" });

            migrationBuilder.CreateIndex(
                name: "ix_invite_links_secret_hash",
                table: "invite_links",
                column: "secret_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_invite_links_workspace_id_created_at",
                table: "invite_links",
                columns: new[] { "workspace_id", "created_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "invite_links");

            migrationBuilder.DropIndex(
                name: "ix_invites_workspace_id_normalized_email",
                table: "invites");

            migrationBuilder.DropIndex(
                name: "ix_invites_workspace_id_status_expires_at",
                table: "invites");

            migrationBuilder.DropColumn(
                name: "suspended_at",
                table: "memberships");

            // Back to one row per address: the history rows (accepted, revoked, expired) go, as they used to.
            migrationBuilder.Sql("DELETE FROM invites WHERE status <> 'Pending'");

            migrationBuilder.DropColumn(
                name: "status",
                table: "invites");

            migrationBuilder.CreateIndex(
                name: "ix_invites_workspace_id_normalized_email",
                table: "invites",
                columns: new[] { "workspace_id", "normalized_email" },
                unique: true);
        }
    }
}
