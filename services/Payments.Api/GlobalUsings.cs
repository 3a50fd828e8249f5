global using FlashSales.Payments.Infrastructure;
global using FlashSales.Payments.Model;
global using Microsoft.EntityFrameworkCore;
