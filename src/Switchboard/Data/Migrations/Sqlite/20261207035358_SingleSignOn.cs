using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Switchboard.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SingleSignOn : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "sso_identities",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    workspace_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    issuer = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: false),
                    subject = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    last_sign_in_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sso_identities", x => x.id);
                    table.ForeignKey(
                        name: "fk_sso_identities_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_sso_identities_workspaces_workspace_id",
                        column: x => x.workspace_id,
                        principalTable: "workspaces",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "sso_providers",
                columns: table => new
                {
                    workspace_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    issuer = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: false),
                    client_id = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    client_secret_protected = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    enforce = table.Column<bool>(type: "INTEGER", nullable: false),
                    default_role = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    default_seat = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    role_claim = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    role_map = table.Column<string>(type: "TEXT", maxLength: 32000, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sso_providers", x => x.workspace_id);
                    table.ForeignKey(
                        name: "fk_sso_providers_workspaces_workspace_id",
                        column: x => x.workspace_id,
                        principalTable: "workspaces",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "sso_sign_ins",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    workspace_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    state_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    nonce = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    code_verifier_protected = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    expires_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sso_sign_ins", x => x.id);
                    table.ForeignKey(
                        name: "fk_sso_sign_ins_workspaces_workspace_id",
                        column: x => x.workspace_id,
                        principalTable: "workspaces",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_sso_identities_user_id",
                table: "sso_identities",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_sso_identities_workspace_id_issuer_subject",
                table: "sso_identities",
                columns: new[] { "workspace_id", "issuer", "subject" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_sso_sign_ins_expires_at",
                table: "sso_sign_ins",
                column: "expires_at");

            migrationBuilder.CreateIndex(
                name: "ix_sso_sign_ins_state_hash",
                table: "sso_sign_ins",
                column: "state_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_sso_sign_ins_workspace_id",
                table: "sso_sign_ins",
                column: "workspace_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "sso_identities");

            migrationBuilder.DropTable(
                name: "sso_providers");

            migrationBuilder.DropTable(
                name: "sso_sign_ins");
        }
    }
}
