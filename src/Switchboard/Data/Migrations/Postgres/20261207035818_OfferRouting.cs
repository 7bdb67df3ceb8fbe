using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Switchboard.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class OfferRouting : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "after_hours_team_id",
                table: "workspaces",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "offer_lapses_before_away",
                table: "workspaces",
                type: "integer",
                nullable: false,
                defaultValue: 3);

            migrationBuilder.AddColumn<int>(
                name: "offer_timeout_seconds",
                table: "workspaces",
                type: "integer",
                nullable: false,
                defaultValue: 30);

            migrationBuilder.AddColumn<int>(
                name: "offer_lapses",
                table: "memberships",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTime>(
                name: "offer_expires_at",
                table: "conversations",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "offer_passed_by",
                table: "conversations",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "offered_to_user_id",
                table: "conversations",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_conversations_offer_expires_at",
                table: "conversations",
                column: "offer_expires_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_conversations_offer_expires_at",
                table: "conversations");

            migrationBuilder.DropColumn(
                name: "after_hours_team_id",
                table: "workspaces");

            migrationBuilder.DropColumn(
                name: "offer_lapses_before_away",
                table: "workspaces");

            migrationBuilder.DropColumn(
                name: "offer_timeout_seconds",
                table: "workspaces");

            migrationBuilder.DropColumn(
                name: "offer_lapses",
                table: "memberships");

            migrationBuilder.DropColumn(
                name: "offer_expires_at",
                table: "conversations");

            migrationBuilder.DropColumn(
                name: "offer_passed_by",
                table: "conversations");

            migrationBuilder.DropColumn(
                name: "offered_to_user_id",
                table: "conversations");
        }
    }
}
