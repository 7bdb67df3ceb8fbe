using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Switchboard.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class TrustTwo : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "password_resets",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    token_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    used_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_password_resets", x => x.id);
                    table.ForeignKey(
                        name: "fk_password_resets_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_password_resets_token_hash",
                table: "password_resets",
                column: "token_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_password_resets_user_id_created_at",
                table: "password_resets",
                columns: new[] { "user_id", "created_at" });

            // Earlier releases counted accepting or joining an invite as proof of the address; it is not (the inviter
            // knew the link). An address confirmed at the very moment of an invite acceptance by that user — the
            // accept and join wrote both with one clock reading — was confirmed that way only: it is unconfirmed
            // again, and its owner confirms through the mailed link (the dashboard's banner asks on the next sign-in).
            migrationBuilder.Sql("""
                UPDATE users SET email_verified_at = NULL
                WHERE email_verified_at IS NOT NULL AND EXISTS (
                    SELECT 1 FROM audit_events a
                    WHERE a.action = 'invite.accepted' AND a.actor_user_id = users.id AND a.created_at = users.email_verified_at)
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "password_resets");
        }
    }
}
