using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Scheduler.Data.Migrations
{
    /// <inheritdoc />
    public partial class Activities : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ActivityRequests",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SiteId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    AgentIds = table.Column<string>(type: "TEXT", nullable: false),
                    Skill = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Count = table.Column<int>(type: "INTEGER", nullable: true),
                    LengthMs = table.Column<long>(type: "INTEGER", nullable: false),
                    FromDate = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    ToDate = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    WindowStart = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    WindowEnd = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Recurrence = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Together = table.Column<bool>(type: "INTEGER", nullable: false),
                    CoachId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    UpdatedAtUnixMs = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ActivityRequests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ActivityRequests_Sites_SiteId",
                        column: x => x.SiteId,
                        principalTable: "Sites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "RosterActivities",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RosterId = table.Column<long>(type: "INTEGER", nullable: false),
                    RequestId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    AgentIds = table.Column<string>(type: "TEXT", nullable: false),
                    CoachId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    StartUnixMs = table.Column<long>(type: "INTEGER", nullable: false),
                    EndUnixMs = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RosterActivities", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RosterActivities_Rosters_RosterId",
                        column: x => x.RosterId,
                        principalTable: "Rosters",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ActivityRequests_SiteId_Key",
                table: "ActivityRequests",
                columns: new[] { "SiteId", "Key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RosterActivities_RosterId_StartUnixMs",
                table: "RosterActivities",
                columns: new[] { "RosterId", "StartUnixMs" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ActivityRequests");

            migrationBuilder.DropTable(
                name: "RosterActivities");
        }
    }
}
