using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FlashSales.Catalog.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class ProductsSold : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Sold",
                table: "products",
                type: "int",
                nullable: false,
                defaultValue: 0);

            // Units confirmed before the column existed.
            migrationBuilder.Sql("""
                UPDATE products p
                SET p.Sold = (SELECT COALESCE(SUM(r.Quantity), 0) FROM reservations r WHERE r.ProductId = p.Id AND r.Status = 'Confirmed')
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Sold",
                table: "products");
        }
    }
}
