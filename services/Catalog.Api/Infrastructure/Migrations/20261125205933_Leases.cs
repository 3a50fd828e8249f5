using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FlashSales.Catalog.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class Leases : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "ExpiresAt",
                table: "reservations",
                type: "datetime(6)",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));

            // Reservations made before leases existed get a day: long past their order's expiry, never cut short.
            migrationBuilder.Sql("UPDATE reservations SET ExpiresAt = DATE_ADD(CreatedAt, INTERVAL 1 DAY)");

            migrationBuilder.CreateIndex(
                name: "IX_reservations_Status_ExpiresAt",
                table: "reservations",
                columns: new[] { "Status", "ExpiresAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_reservations_Status_ExpiresAt",
                table: "reservations");

            migrationBuilder.DropColumn(
                name: "ExpiresAt",
                table: "reservations");
        }
    }
}
