using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Switchboard.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class RoutingTeams : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "skills_fallback_seconds",
                table: "workspaces",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "sla_high_seconds",
                table: "workspaces",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "sla_low_seconds",
                table: "workspaces",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "sla_normal_seconds",
                table: "workspaces",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "sla_urgent_seconds",
                table: "workspaces",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "hours",
                table: "teams",
                type: "character varying(20000)",
                maxLength: 20000,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "first_response_at",
                table: "conversations",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "priority",
                table: "conversations",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "required_skills",
                table: "conversations",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "skills_relaxed_at",
                table: "conversations",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "sla_due_at",
                table: "conversations",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "sla_state",
                table: "conversations",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTime>(
                name: "sla_warn_at",
                table: "conversations",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "team_id",
                table: "conversations",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "member_skills",
                columns: table => new
                {
                    membership_id = table.Column<Guid>(type: "uuid", nullable: false),
                    skill = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_member_skills", x => new { x.membership_id, x.skill });
                    table.ForeignKey(
                        name: "fk_member_skills_memberships_membership_id",
                        column: x => x.membership_id,
                        principalTable: "memberships",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_conversations_sla_state_sla_warn_at",
                table: "conversations",
                columns: new[] { "sla_state", "sla_warn_at" });

            migrationBuilder.CreateIndex(
                name: "ix_conversations_team_id",
                table: "conversations",
                column: "team_id");

            migrationBuilder.AddForeignKey(
                name: "fk_conversations_teams_team_id",
                table: "conversations",
                column: "team_id",
                principalTable: "teams",
                principalColumn: "id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_conversations_teams_team_id",
                table: "conversations");

            migrationBuilder.DropTable(
                name: "member_skills");

            migrationBuilder.DropIndex(
                name: "ix_conversations_sla_state_sla_warn_at",
                table: "conversations");

            migrationBuilder.DropIndex(
                name: "ix_conversations_team_id",
                table: "conversations");

            migrationBuilder.DropColumn(
                name: "skills_fallback_seconds",
                table: "workspaces");

            migrationBuilder.DropColumn(
                name: "sla_high_seconds",
                table: "workspaces");

            migrationBuilder.DropColumn(
                name: "sla_low_seconds",
                table: "workspaces");

            migrationBuilder.DropColumn(
                name: "sla_normal_seconds",
                table: "workspaces");

            migrationBuilder.DropColumn(
                name: "sla_urgent_seconds",
                table: "workspaces");

            migrationBuilder.DropColumn(
                name: "hours",
                table: "teams");

            migrationBuilder.DropColumn(
                name: "first_response_at",
                table: "conversations");

            migrationBuilder.DropColumn(
                name: "priority",
                table: "conversations");

            migrationBuilder.DropColumn(
                name: "required_skills",
                table: "conversations");

            migrationBuilder.DropColumn(
                name: "skills_relaxed_at",
                table: "conversations");

            migrationBuilder.DropColumn(
                name: "sla_due_at",
                table: "conversations");

            migrationBuilder.DropColumn(
                name: "sla_state",
                table: "conversations");

            migrationBuilder.DropColumn(
                name: "sla_warn_at",
                table: "conversations");

            migrationBuilder.DropColumn(
                name: "team_id",
                table: "conversations");
        }
    }
}
