using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FlashSales.Payments.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class PaymentAttempts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_payments_OrderId_IdempotencyKey",
                table: "payments");

            migrationBuilder.AlterColumn<string>(
                name: "IdempotencyKey",
                table: "payments",
                type: "varchar(100)",
                maxLength: 100,
                nullable: false,
                collation: "utf8mb4_bin",
                oldClrType: typeof(string),
                oldType: "varchar(100)",
                oldMaxLength: 100)
                .Annotation("MySql:CharSet", "utf8mb4")
                .OldAnnotation("MySql:CharSet", "utf8mb4");

            migrationBuilder.AddColumn<DateTime>(
                name: "UpdatedAt",
                table: "payments",
                type: "datetime(6)",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));

            migrationBuilder.CreateTable(
                name: "simulated_charges",
                columns: table => new
                {
                    IdempotencyKey = table.Column<string>(type: "varchar(100)", maxLength: 100, nullable: false, collation: "utf8mb4_bin")
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    OrderId = table.Column<Guid>(type: "char(36)", nullable: false, collation: "ascii_general_ci"),
                    Amount = table.Column<decimal>(type: "decimal(18,2)", precision: 18, scale: 2, nullable: false),
                    Approved = table.Column<bool>(type: "tinyint(1)", nullable: false),
                    DeclineReason = table.Column<string>(type: "varchar(200)", maxLength: 200, nullable: true)
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    CreatedAt = table.Column<DateTime>(type: "datetime(6)", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_simulated_charges", x => new { x.OrderId, x.IdempotencyKey });
                })
                .Annotation("MySql:CharSet", "utf8mb4");

            // One payment per order from now on. Earlier versions could record a second attempt after a decline; only
            // each order's latest payment is kept.
            migrationBuilder.Sql("""
                DELETE p FROM payments p JOIN payments q
                  ON p.OrderId = q.OrderId AND (p.CreatedAt < q.CreatedAt OR (p.CreatedAt = q.CreatedAt AND p.Id < q.Id))
                """);
            migrationBuilder.Sql("UPDATE payments SET UpdatedAt = CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_payments_OrderId",
                table: "payments",
                column: "OrderId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_payments_Status_CreatedAt",
                table: "payments",
                columns: new[] { "Status", "CreatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "simulated_charges");

            migrationBuilder.DropIndex(
                name: "IX_payments_OrderId",
                table: "payments");

            migrationBuilder.DropIndex(
                name: "IX_payments_Status_CreatedAt",
                table: "payments");

            migrationBuilder.DropColumn(
                name: "UpdatedAt",
                table: "payments");

            migrationBuilder.AlterColumn<string>(
                name: "IdempotencyKey",
                table: "payments",
                type: "varchar(100)",
                maxLength: 100,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "varchar(100)",
                oldMaxLength: 100,
                oldCollation: "utf8mb4_bin")
                .Annotation("MySql:CharSet", "utf8mb4")
                .OldAnnotation("MySql:CharSet", "utf8mb4");

            migrationBuilder.CreateIndex(
                name: "IX_payments_OrderId_IdempotencyKey",
                table: "payments",
                columns: new[] { "OrderId", "IdempotencyKey" },
                unique: true);
        }
    }
}
