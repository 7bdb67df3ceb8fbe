using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Switchboard.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Routing : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "default_capacity",
                table: "workspaces",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "reassign_after_minutes",
                table: "workspaces",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "routing_mode",
                table: "workspaces",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "capacity",
                table: "memberships",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "last_assigned_at",
                table: "memberships",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "assignee_replied_at",
                table: "conversations",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_conversations_workspace_id_status_assignee_user_id_created_at",
                table: "conversations",
                columns: new[] { "workspace_id", "status", "assignee_user_id", "created_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_conversations_workspace_id_status_assignee_user_id_created_at",
                table: "conversations");

            migrationBuilder.DropColumn(
                name: "default_capacity",
                table: "workspaces");

            migrationBuilder.DropColumn(
                name: "reassign_after_minutes",
                table: "workspaces");

            migrationBuilder.DropColumn(
                name: "routing_mode",
                table: "workspaces");

            migrationBuilder.DropColumn(
                name: "capacity",
                table: "memberships");

            migrationBuilder.DropColumn(
                name: "last_assigned_at",
                table: "memberships");

            migrationBuilder.DropColumn(
                name: "assignee_replied_at",
                table: "conversations");
        }
    }
}
