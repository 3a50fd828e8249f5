using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FlashSales.Ordering.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class Refunds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Orders flagged for a refund before refunds existed are refunded now: Refunding, with their request in the outbox.
            migrationBuilder.Sql("""
                INSERT INTO outbox_messages (EventId, EventType, Topic, PartitionKey, Content, OccurredAt)
                SELECT f.EventId, 'OrderRefundRequestedIntegrationEvent', 'flashsales.refunds', f.Id,
                       JSON_OBJECT('orderId', f.Id, 'reason', 'flagged for a refund', 'id', f.EventId,
                                   'occurredAt', DATE_FORMAT(f.At, '%Y-%m-%dT%H:%i:%s.%fZ')), f.At
                FROM (SELECT Id, UUID() AS EventId, UTC_TIMESTAMP(6) AS At FROM orders WHERE RefundRequired = 1) f;
                UPDATE orders SET Status = 'Refunding' WHERE RefundRequired = 1;
                """);
            migrationBuilder.DropColumn(
                name: "RefundRequired",
                table: "orders");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "RefundRequired",
                table: "orders",
                type: "tinyint(1)",
                nullable: false,
                defaultValue: false);
        }
    }
}
