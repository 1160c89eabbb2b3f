using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Scheduler.Data.Postgres.Migrations
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SiteId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    FirstDate = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Days = table.Column<int>(type: "integer", nullable: false),
                    RequestedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    RequestedAt = table.Column<long>(type: "bigint", nullable: false),
                    TimeLimitSeconds = table.Column<int>(type: "integer", nullable: false),
                    Workers = table.Column<int>(type: "integer", nullable: false),
                    Seed = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ActiveKey = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: true),
                    Instance = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    StartedAt = table.Column<long>(type: "bigint", nullable: true),
                    FinishedAt = table.Column<long>(type: "bigint", nullable: true),
                    HeartbeatAt = table.Column<long>(type: "bigint", nullable: true),
                    BestObjective = table.Column<long>(type: "bigint", nullable: true),
                    Bound = table.Column<long>(type: "bigint", nullable: true),
                    Gap = table.Column<double>(type: "double precision", nullable: true),
                    ElapsedSeconds = table.Column<double>(type: "double precision", nullable: false),
                    Solutions = table.Column<int>(type: "integer", nullable: false),
                    CheckpointJson = table.Column<string>(type: "text", nullable: true),
                    CheckpointObjective = table.Column<long>(type: "bigint", nullable: true),
                    BasedOnId = table.Column<long>(type: "bigint", nullable: true),
                    CancelRequested = table.Column<bool>(type: "boolean", nullable: false),
                    CancelledBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    RosterId = table.Column<long>(type: "bigint", nullable: true),
                    Message = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true)
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
