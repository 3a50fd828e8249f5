using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FlashSales.Ordering.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class ExpiryAndIdempotency : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "ExpiresAt",
                table: "orders",
                type: "datetime(6)",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));

            migrationBuilder.AddColumn<string>(
                name: "IdempotencyKey",
                table: "orders",
                type: "varchar(100)",
                maxLength: 100,
                nullable: true)
                .Annotation("MySql:CharSet", "utf8mb4");

            migrationBuilder.AddColumn<bool>(
                name: "RefundRequired",
                table: "orders",
                type: "tinyint(1)",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateIndex(
                name: "IX_orders_Status_ExpiresAt",
                table: "orders",
                columns: new[] { "Status", "ExpiresAt" });

            migrationBuilder.CreateIndex(
                name: "IX_orders_UserId_IdempotencyKey",
                table: "orders",
                columns: new[] { "UserId", "IdempotencyKey" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_orders_Status_ExpiresAt",
                table: "orders");

            migrationBuilder.DropIndex(
                name: "IX_orders_UserId_IdempotencyKey",
                table: "orders");

            migrationBuilder.DropColumn(
                name: "ExpiresAt",
                table: "orders");

            migrationBuilder.DropColumn(
                name: "IdempotencyKey",
                table: "orders");

            migrationBuilder.DropColumn(
                name: "RefundRequired",
                table: "orders");
        }
    }
}
