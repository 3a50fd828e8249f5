using Microsoft.EntityFrameworkCore;

namespace FlashSales.IntegrationEventLog;

public static class IntegrationEventLogModel
{
    /// <summary>Adds the outbox and processed-event tables to a service's own model, so they share its transactions.</summary>
    public static ModelBuilder UseIntegrationEventLog(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<OutboxMessage>(b =>
        {
            b.ToTable("outbox_messages");
            b.HasKey(m => m.Sequence);
            b.Property(m => m.Sequence).ValueGeneratedOnAdd();
            b.HasIndex(m => m.EventId).IsUnique();
            b.HasIndex(m => m.PublishedAt);
            b.Property(m => m.EventType).HasMaxLength(200);
            b.Property(m => m.Topic).HasMaxLength(200);
            b.Property(m => m.PartitionKey).HasMaxLength(200);
        });

        modelBuilder.Entity<ProcessedEvent>(b =>
        {
            b.ToTable("processed_events");
            b.HasKey(p => new { p.EventId, p.Handler });
            b.Property(p => p.Handler).HasMaxLength(200);
        });

        return modelBuilder;
    }

    public static void AddIntegrationEvent(this DbContext db, EventBus.IntegrationEvent @event) =>
        db.Set<OutboxMessage>().Add(OutboxMessage.From(@event));
}
