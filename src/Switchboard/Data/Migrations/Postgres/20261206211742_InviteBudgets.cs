using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Switchboard.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class InviteBudgets : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "mailbox_key",
                table: "outbox",
                type: "character varying(320)",
                maxLength: 320,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<Guid>(
                name: "workspace_id",
                table: "outbox",
                type: "uuid",
                nullable: true);

            // Rows already stored keep counting toward their mailbox's hourly cap: the key is the recipient key
            // (already NFKC + case folded) with any +tag cut from the local part, as EmailAddress.MailboxKey does.
            // Their workspace is not recorded, so mail from before the upgrade is not in any workspace's budget.
            migrationBuilder.Sql("""
                UPDATE outbox SET mailbox_key = regexp_replace(recipient_key, '^([^@+]*)\+[^@]*@', '\1@');
                """);

            migrationBuilder.CreateIndex(
                name: "ix_outbox_mailbox_key_created_at",
                table: "outbox",
                columns: new[] { "mailbox_key", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_outbox_workspace_id_created_at",
                table: "outbox",
                columns: new[] { "workspace_id", "created_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_outbox_mailbox_key_created_at",
                table: "outbox");

            migrationBuilder.DropIndex(
                name: "ix_outbox_workspace_id_created_at",
                table: "outbox");

            migrationBuilder.DropColumn(
                name: "mailbox_key",
                table: "outbox");

            migrationBuilder.DropColumn(
                name: "workspace_id",
                table: "outbox");
        }
    }
}
