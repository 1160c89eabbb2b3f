using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Scheduler.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class SimulationImprove : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "DraftRosterId",
                table: "SimulationRuns",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Phase",
                table: "SimulationRuns",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Round",
                table: "SimulationRuns",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Rounds",
                table: "SimulationRuns",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "TimeLimitSeconds",
                table: "SimulationRuns",
                type: "integer",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "DraftRosterId",
                table: "SimulationRuns");

            migrationBuilder.DropColumn(
                name: "Phase",
                table: "SimulationRuns");

            migrationBuilder.DropColumn(
                name: "Round",
                table: "SimulationRuns");

            migrationBuilder.DropColumn(
                name: "Rounds",
                table: "SimulationRuns");

            migrationBuilder.DropColumn(
                name: "TimeLimitSeconds",
                table: "SimulationRuns");
        }
    }
}
