using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Switchboard.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Scim : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "actor_scim_token_id",
                table: "audit_events",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "scim_groups",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    workspace_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    display_name = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    normalized_name = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    external_id = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_scim_groups", x => x.id);
                    table.ForeignKey(
                        name: "fk_scim_groups_workspaces_workspace_id",
                        column: x => x.workspace_id,
                        principalTable: "workspaces",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "scim_settings",
                columns: table => new
                {
                    workspace_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    default_role = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    default_seat = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    group_map = table.Column<string>(type: "TEXT", maxLength: 16000, nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_scim_settings", x => x.workspace_id);
                    table.ForeignKey(
                        name: "fk_scim_settings_workspaces_workspace_id",
                        column: x => x.workspace_id,
                        principalTable: "workspaces",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "scim_tokens",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    workspace_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    secret_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    created_by_user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    last_used_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    revoked_at = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_scim_tokens", x => x.id);
                    table.ForeignKey(
                        name: "fk_scim_tokens_workspaces_workspace_id",
                        column: x => x.workspace_id,
                        principalTable: "workspaces",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "scim_users",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    workspace_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    user_name = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    normalized_user_name = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    external_id = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    display_name = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    given_name = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    family_name = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    email = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_scim_users", x => x.id);
                    table.ForeignKey(
                        name: "fk_scim_users_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_scim_users_workspaces_workspace_id",
                        column: x => x.workspace_id,
                        principalTable: "workspaces",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "scim_group_members",
                columns: table => new
                {
                    group_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    scim_user_id = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_scim_group_members", x => new { x.group_id, x.scim_user_id });
                    table.ForeignKey(
                        name: "fk_scim_group_members_scim_groups_group_id",
                        column: x => x.group_id,
                        principalTable: "scim_groups",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_scim_group_members_scim_users_scim_user_id",
                        column: x => x.scim_user_id,
                        principalTable: "scim_users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_scim_group_members_scim_user_id",
                table: "scim_group_members",
                column: "scim_user_id");

            migrationBuilder.CreateIndex(
                name: "ix_scim_groups_workspace_id_normalized_name",
                table: "scim_groups",
                columns: new[] { "workspace_id", "normalized_name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_scim_tokens_secret_hash",
                table: "scim_tokens",
                column: "secret_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_scim_tokens_workspace_id",
                table: "scim_tokens",
                column: "workspace_id");

            migrationBuilder.CreateIndex(
                name: "ix_scim_users_user_id",
                table: "scim_users",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_scim_users_workspace_id_external_id",
                table: "scim_users",
                columns: new[] { "workspace_id", "external_id" });

            migrationBuilder.CreateIndex(
                name: "ix_scim_users_workspace_id_normalized_user_name",
                table: "scim_users",
                columns: new[] { "workspace_id", "normalized_user_name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_scim_users_workspace_id_user_id",
                table: "scim_users",
                columns: new[] { "workspace_id", "user_id" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "scim_group_members");

            migrationBuilder.DropTable(
                name: "scim_settings");

            migrationBuilder.DropTable(
                name: "scim_tokens");

            migrationBuilder.DropTable(
                name: "scim_groups");

            migrationBuilder.DropTable(
                name: "scim_users");

            migrationBuilder.DropColumn(
                name: "actor_scim_token_id",
                table: "audit_events");
        }
    }
}
