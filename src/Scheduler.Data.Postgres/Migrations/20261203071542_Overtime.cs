using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Scheduler.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Overtime : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "OvertimeMs",
                table: "RosterShifts",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<decimal>(
                name: "HourlyCost",
                table: "Agents",
                type: "numeric(12,2)",
                precision: 12,
                scale: 2,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddColumn<long>(
                name: "OvertimeCapPerWeekMs",
                table: "Agents",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<bool>(
                name: "OvertimeConsent",
                table: "Agents",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "OvertimeOffers",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SiteId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Kind = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    AgentId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    RosterId = table.Column<long>(type: "bigint", nullable: false),
                    FirstDate = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Date = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    BeforeTemplateId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    BeforeStart = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    BeforeLengthMs = table.Column<long>(type: "bigint", nullable: true),
                    BeforeOvertimeMs = table.Column<long>(type: "bigint", nullable: false),
                    AfterTemplateId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    AfterStart = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    AfterLengthMs = table.Column<long>(type: "bigint", nullable: true),
                    AfterOvertimeMs = table.Column<long>(type: "bigint", nullable: false),
                    HoursMs = table.Column<long>(type: "bigint", nullable: false),
                    CoverageUnits = table.Column<long>(type: "bigint", nullable: false),
                    Money = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    Description = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    CreatedAtUnixMs = table.Column<long>(type: "bigint", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    DecidedAtUnixMs = table.Column<long>(type: "bigint", nullable: true),
                    DecidedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ResultRosterId = table.Column<long>(type: "bigint", nullable: true),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OvertimeOffers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OvertimeOffers_Agents_AgentId",
                        column: x => x.AgentId,
                        principalTable: "Agents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_OvertimeOffers_Rosters_RosterId",
                        column: x => x.RosterId,
                        principalTable: "Rosters",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_OvertimeOffers_Sites_SiteId",
                        column: x => x.SiteId,
                        principalTable: "Sites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_OvertimeOffers_AgentId_Status",
                table: "OvertimeOffers",
                columns: new[] { "AgentId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_OvertimeOffers_RosterId",
                table: "OvertimeOffers",
                column: "RosterId");

            migrationBuilder.CreateIndex(
                name: "IX_OvertimeOffers_SiteId_FirstDate",
                table: "OvertimeOffers",
                columns: new[] { "SiteId", "FirstDate" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "OvertimeOffers");

            migrationBuilder.DropColumn(
                name: "OvertimeMs",
                table: "RosterShifts");

            migrationBuilder.DropColumn(
                name: "HourlyCost",
                table: "Agents");

            migrationBuilder.DropColumn(
                name: "OvertimeCapPerWeekMs",
                table: "Agents");

            migrationBuilder.DropColumn(
                name: "OvertimeConsent",
                table: "Agents");
        }
    }
}
