using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Scheduler.Data.Postgres.Migrations
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SiteId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    AgentIds = table.Column<List<string>>(type: "text[]", nullable: false),
                    Skill = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Count = table.Column<int>(type: "integer", nullable: true),
                    LengthMs = table.Column<long>(type: "bigint", nullable: false),
                    FromDate = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    ToDate = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    WindowStart = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    WindowEnd = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Recurrence = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Together = table.Column<bool>(type: "boolean", nullable: false),
                    CoachId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    UpdatedAtUnixMs = table.Column<long>(type: "bigint", nullable: false),
                    UpdatedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RosterId = table.Column<long>(type: "bigint", nullable: false),
                    RequestId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    AgentIds = table.Column<List<string>>(type: "text[]", nullable: false),
                    CoachId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    StartUnixMs = table.Column<long>(type: "bigint", nullable: false),
                    EndUnixMs = table.Column<long>(type: "bigint", nullable: false)
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
