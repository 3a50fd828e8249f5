global using System.Diagnostics;
global using FlashSales.Bench.Load;
global using FlashSales.Bench.Measurement;
