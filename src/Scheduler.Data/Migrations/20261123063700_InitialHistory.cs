using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Scheduler.Data.Migrations
{
    /// <inheritdoc />
    public partial class InitialHistory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "HistoryImports",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Format = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ImportedAtUnixMs = table.Column<long>(type: "INTEGER", nullable: false),
                    RowCount = table.Column<int>(type: "INTEGER", nullable: false),
                    ReplacedCount = table.Column<int>(type: "INTEGER", nullable: false),
                    IntervalLengthMs = table.Column<long>(type: "INTEGER", nullable: false),
                    ZoneId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    CoversFromUnixMs = table.Column<long>(type: "INTEGER", nullable: false),
                    CoversToUnixMs = table.Column<long>(type: "INTEGER", nullable: false),
                    QueueIds = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HistoryImports", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Sites",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ZoneId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Sites", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "IntervalObservations",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    QueueId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    StartUnixMs = table.Column<long>(type: "INTEGER", nullable: false),
                    LengthMs = table.Column<long>(type: "INTEGER", nullable: false),
                    Offered = table.Column<double>(type: "REAL", nullable: false),
                    Answered = table.Column<double>(type: "REAL", nullable: false),
                    Abandoned = table.Column<double>(type: "REAL", nullable: false),
                    HandleSeconds = table.Column<double>(type: "REAL", nullable: false),
                    WaitSeconds = table.Column<double>(type: "REAL", nullable: true),
                    AnsweredWithinThreshold = table.Column<double>(type: "REAL", nullable: true),
                    ImportId = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IntervalObservations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_IntervalObservations_HistoryImports_ImportId",
                        column: x => x.ImportId,
                        principalTable: "HistoryImports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Queues",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    SiteId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Skill = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Language = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    TargetKind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    TargetFraction = table.Column<double>(type: "REAL", nullable: true),
                    TargetDurationMs = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Queues", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Queues_Sites_SiteId",
                        column: x => x.SiteId,
                        principalTable: "Sites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_HistoryImports_ImportedAtUnixMs",
                table: "HistoryImports",
                column: "ImportedAtUnixMs");

            migrationBuilder.CreateIndex(
                name: "IX_IntervalObservations_ImportId",
                table: "IntervalObservations",
                column: "ImportId");

            migrationBuilder.CreateIndex(
                name: "IX_IntervalObservations_QueueId_StartUnixMs",
                table: "IntervalObservations",
                columns: new[] { "QueueId", "StartUnixMs" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_IntervalObservations_StartUnixMs",
                table: "IntervalObservations",
                column: "StartUnixMs");

            migrationBuilder.CreateIndex(
                name: "IX_Queues_SiteId",
                table: "Queues",
                column: "SiteId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "IntervalObservations");

            migrationBuilder.DropTable(
                name: "Queues");

            migrationBuilder.DropTable(
                name: "HistoryImports");

            migrationBuilder.DropTable(
                name: "Sites");
        }
    }
}
