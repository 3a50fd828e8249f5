using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FlashSales.Catalog.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class CatalogAndReservations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "ClosesAt",
                table: "products",
                type: "datetime(6)",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "DeletedAt",
                table: "products",
                type: "datetime(6)",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Kind",
                table: "products",
                type: "varchar(10)",
                maxLength: 10,
                nullable: false,
                defaultValue: "Regular")
                .Annotation("MySql:CharSet", "utf8mb4");

            migrationBuilder.AddColumn<DateTime>(
                name: "OpensAt",
                table: "products",
                type: "datetime(6)",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "PerUserLimit",
                table: "products",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Reserved",
                table: "products",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "products",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "reservations",
                columns: table => new
                {
                    OrderId = table.Column<Guid>(type: "char(36)", nullable: false, collation: "ascii_general_ci"),
                    ProductId = table.Column<Guid>(type: "char(36)", nullable: false, collation: "ascii_general_ci"),
                    UserId = table.Column<string>(type: "varchar(100)", maxLength: 100, nullable: false)
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    Quantity = table.Column<int>(type: "int", nullable: false),
                    Status = table.Column<string>(type: "varchar(10)", maxLength: 10, nullable: false)
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    CreatedAt = table.Column<DateTime>(type: "datetime(6)", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "datetime(6)", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_reservations", x => new { x.OrderId, x.ProductId });
                })
                .Annotation("MySql:CharSet", "utf8mb4");

            migrationBuilder.CreateIndex(
                name: "IX_products_Kind_OpensAt",
                table: "products",
                columns: new[] { "Kind", "OpensAt" });

            migrationBuilder.CreateIndex(
                name: "IX_products_Price",
                table: "products",
                column: "Price");

            migrationBuilder.AddCheckConstraint(
                name: "CK_products_reserved",
                table: "products",
                sql: "`Reserved` >= 0 AND `Reserved` <= `Stock`");

            migrationBuilder.CreateIndex(
                name: "IX_reservations_ProductId_UserId",
                table: "reservations",
                columns: new[] { "ProductId", "UserId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "reservations");

            migrationBuilder.DropIndex(
                name: "IX_products_Kind_OpensAt",
                table: "products");

            migrationBuilder.DropIndex(
                name: "IX_products_Price",
                table: "products");

            migrationBuilder.DropCheckConstraint(
                name: "CK_products_reserved",
                table: "products");

            migrationBuilder.DropColumn(
                name: "ClosesAt",
                table: "products");

            migrationBuilder.DropColumn(
                name: "DeletedAt",
                table: "products");

            migrationBuilder.DropColumn(
                name: "Kind",
                table: "products");

            migrationBuilder.DropColumn(
                name: "OpensAt",
                table: "products");

            migrationBuilder.DropColumn(
                name: "PerUserLimit",
                table: "products");

            migrationBuilder.DropColumn(
                name: "Reserved",
                table: "products");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "products");
        }
    }
}
