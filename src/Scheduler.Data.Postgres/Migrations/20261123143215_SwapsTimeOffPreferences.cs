using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Scheduler.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class SwapsTimeOffPreferences : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "AutoApproveSwaps",
                table: "Sites",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "AutoApproveTimeOff",
                table: "Sites",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<double>(
                name: "TimeOffServiceFloor",
                table: "Sites",
                type: "double precision",
                nullable: false,
                defaultValue: 0.8);

            migrationBuilder.AddColumn<Guid>(
                name: "Version",
                table: "Sites",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.AddColumn<List<string>>(
                name: "Preferences",
                table: "Agents",
                type: "text[]",
                nullable: false,
                defaultValueSql: "'{}'");

            migrationBuilder.CreateTable(
                name: "ShiftRequests",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SiteId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Status = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    RequesterId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ColleagueId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    RosterId = table.Column<long>(type: "bigint", nullable: true),
                    Date = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    ReturnDate = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    LastDate = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    Note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false),
                    DecidedAt = table.Column<long>(type: "bigint", nullable: true),
                    DecidedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Decision = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    ResultRosterId = table.Column<long>(type: "bigint", nullable: true),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ShiftRequests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ShiftRequests_Agents_ColleagueId",
                        column: x => x.ColleagueId,
                        principalTable: "Agents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ShiftRequests_Agents_RequesterId",
                        column: x => x.RequesterId,
                        principalTable: "Agents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ShiftRequests_Sites_SiteId",
                        column: x => x.SiteId,
                        principalTable: "Sites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ShiftRequests_ColleagueId",
                table: "ShiftRequests",
                column: "ColleagueId");

            migrationBuilder.CreateIndex(
                name: "IX_ShiftRequests_RequesterId",
                table: "ShiftRequests",
                column: "RequesterId");

            migrationBuilder.CreateIndex(
                name: "IX_ShiftRequests_SiteId_Status",
                table: "ShiftRequests",
                columns: new[] { "SiteId", "Status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ShiftRequests");

            migrationBuilder.DropColumn(
                name: "AutoApproveSwaps",
                table: "Sites");

            migrationBuilder.DropColumn(
                name: "AutoApproveTimeOff",
                table: "Sites");

            migrationBuilder.DropColumn(
                name: "TimeOffServiceFloor",
                table: "Sites");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "Sites");

            migrationBuilder.DropColumn(
                name: "Preferences",
                table: "Agents");
        }
    }
}
