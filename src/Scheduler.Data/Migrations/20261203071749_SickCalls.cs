using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Scheduler.Data.Migrations
{
    /// <inheritdoc />
    public partial class SickCalls : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "SickCalls",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SiteId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    AgentId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    FromUnixMs = table.Column<long>(type: "INTEGER", nullable: false),
                    UntilUnixMs = table.Column<long>(type: "INTEGER", nullable: false),
                    ZoneId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    RosterFirstDate = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    BaseRosterId = table.Column<long>(type: "INTEGER", nullable: false),
                    SolveJobId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EnteredBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    EnteredAtUnixMs = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SickCalls", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SickCalls_Agents_AgentId",
                        column: x => x.AgentId,
                        principalTable: "Agents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SickCalls_Rosters_BaseRosterId",
                        column: x => x.BaseRosterId,
                        principalTable: "Rosters",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SickCalls_Sites_SiteId",
                        column: x => x.SiteId,
                        principalTable: "Sites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SickCalls_SolveJobs_SolveJobId",
                        column: x => x.SolveJobId,
                        principalTable: "SolveJobs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SickCalls_AgentId",
                table: "SickCalls",
                column: "AgentId");

            migrationBuilder.CreateIndex(
                name: "IX_SickCalls_BaseRosterId",
                table: "SickCalls",
                column: "BaseRosterId");

            migrationBuilder.CreateIndex(
                name: "IX_SickCalls_SiteId_RosterFirstDate",
                table: "SickCalls",
                columns: new[] { "SiteId", "RosterFirstDate" });

            migrationBuilder.CreateIndex(
                name: "IX_SickCalls_SolveJobId",
                table: "SickCalls",
                column: "SolveJobId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SickCalls");
        }
    }
}
