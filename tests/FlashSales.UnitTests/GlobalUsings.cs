global using System.Text;
global using FlashSales.ServiceDefaults;
global using Microsoft.Extensions.DependencyInjection;
global using Microsoft.Extensions.Hosting;
