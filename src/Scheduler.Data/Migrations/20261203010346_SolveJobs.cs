using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Scheduler.Data.Migrations
{
    /// <inheritdoc />
    public partial class SolveJobs : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "SolveJobs",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SiteId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    FirstDate = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Days = table.Column<int>(type: "INTEGER", nullable: false),
                    RequestedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    RequestedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    TimeLimitSeconds = table.Column<int>(type: "INTEGER", nullable: false),
                    Workers = table.Column<int>(type: "INTEGER", nullable: false),
                    Seed = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ActiveKey = table.Column<string>(type: "TEXT", maxLength: 80, nullable: true),
                    Instance = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    FinishedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    HeartbeatAt = table.Column<long>(type: "INTEGER", nullable: true),
                    BestObjective = table.Column<long>(type: "INTEGER", nullable: true),
                    Bound = table.Column<long>(type: "INTEGER", nullable: true),
                    Gap = table.Column<double>(type: "REAL", nullable: true),
                    ElapsedSeconds = table.Column<double>(type: "REAL", nullable: false),
                    Solutions = table.Column<int>(type: "INTEGER", nullable: false),
                    CheckpointJson = table.Column<string>(type: "TEXT", nullable: true),
                    CheckpointObjective = table.Column<long>(type: "INTEGER", nullable: true),
                    BasedOnId = table.Column<long>(type: "INTEGER", nullable: true),
                    CancelRequested = table.Column<bool>(type: "INTEGER", nullable: false),
                    CancelledBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    RosterId = table.Column<long>(type: "INTEGER", nullable: true),
                    Message = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SolveJobs", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SolveJobs_Sites_SiteId",
                        column: x => x.SiteId,
                        principalTable: "Sites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SolveJobs_ActiveKey",
                table: "SolveJobs",
                column: "ActiveKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SolveJobs_SiteId_FirstDate",
                table: "SolveJobs",
                columns: new[] { "SiteId", "FirstDate" });

            migrationBuilder.CreateIndex(
                name: "IX_SolveJobs_Status_RequestedAt",
                table: "SolveJobs",
                columns: new[] { "Status", "RequestedAt" });

        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SolveJobs");
        }
    }
}
