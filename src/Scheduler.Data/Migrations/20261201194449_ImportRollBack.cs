using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Scheduler.Data.Migrations
{
    /// <inheritdoc />
    public partial class ImportRollBack : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "RolledBackAt",
                table: "HistoryImports",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RolledBackBy",
                table: "HistoryImports",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ReplacedObservations",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ReplacedByImportId = table.Column<long>(type: "INTEGER", nullable: false),
                    ImportId = table.Column<long>(type: "INTEGER", nullable: false),
                    QueueId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    StartUnixMs = table.Column<long>(type: "INTEGER", nullable: false),
                    LengthMs = table.Column<long>(type: "INTEGER", nullable: false),
                    Offered = table.Column<double>(type: "REAL", nullable: false),
                    Answered = table.Column<double>(type: "REAL", nullable: false),
                    Abandoned = table.Column<double>(type: "REAL", nullable: false),
                    HandleSeconds = table.Column<double>(type: "REAL", nullable: false),
                    WaitSeconds = table.Column<double>(type: "REAL", nullable: true),
                    AnsweredWithinThreshold = table.Column<double>(type: "REAL", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReplacedObservations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReplacedObservations_HistoryImports_ReplacedByImportId",
                        column: x => x.ReplacedByImportId,
                        principalTable: "HistoryImports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ReplacedObservations_ImportId",
                table: "ReplacedObservations",
                column: "ImportId");

            migrationBuilder.CreateIndex(
                name: "IX_ReplacedObservations_ReplacedByImportId",
                table: "ReplacedObservations",
                column: "ReplacedByImportId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ReplacedObservations");

            migrationBuilder.DropColumn(
                name: "RolledBackAt",
                table: "HistoryImports");

            migrationBuilder.DropColumn(
                name: "RolledBackBy",
                table: "HistoryImports");
        }
    }
}
