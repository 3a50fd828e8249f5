using FlashSales.Bench.Cli;
using Spectre.Console.Cli;

var app = new CommandApp<BenchCommand>();
app.Configure(config => config.SetApplicationName("dotnet run -c Release --project bench/FlashSales.Bench --"));
return await app.RunAsync(args);
