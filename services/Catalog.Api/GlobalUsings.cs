global using FlashSales.Catalog.Infrastructure;
global using FlashSales.Catalog.Model;
global using Microsoft.EntityFrameworkCore;
