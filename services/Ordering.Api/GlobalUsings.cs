global using FlashSales.IntegrationEventLog;
global using FlashSales.IntegrationEvents;
global using FlashSales.Ordering.Infrastructure;
global using FlashSales.Ordering.Model;
