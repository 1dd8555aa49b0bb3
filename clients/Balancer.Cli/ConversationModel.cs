using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Balancer.Contracts.Grains;
using Balancer.Contracts.Model;
using Balancer.Grains;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Balancer.Cli;

/// <summary>
/// Measures the two ways to hold open conversations: as entries in their queue's grain (what
/// Balancer does), or as a grain each with its own deadline timer. Opens the same number of
/// conversations both ways in one in-process silo and reports time and memory per conversation.
/// </summary>
public static class ConversationModel
{
    public static async Task<int> Run(Options options)
    {
        var count = options.Number("conversations", 100_000, 1_000, 5_000_000);
        var batchSize = options.Number("batch", 500, 1, 5_000);
        var outDir = options.Text("out", "bench");
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleans(silo => silo
            .UseLocalhostClustering(FreePort(), FreePort())
            .AddBalancerGrains(new ConfigurationBuilder().Build())
            .UseBalancerMemoryStorage());
        using var host = builder.Build();
        await host.StartAsync();
        var grains = host.Services.GetRequiredService<IGrainFactory>();
        await grains.GetGrain<ITenantGrain>("measure").UpsertQueue("q", new QueueSettings(TimeSpan.FromHours(1), "q"));
        var now = DateTimeOffset.UtcNow;

        var entries = await Measure(count, async () =>
        {
            var queue = grains.GetGrain<IQueueGrain>(GrainKeys.Of("measure", "q"));
            for (var i = 0; i < count; i += batchSize)
            {
                var slice = Enumerable.Range(i, Math.Min(batchSize, count - i))
                    .Select(n => new QueueEvent(QueueEventKind.Open, n, $"c{n}", now, "", 0, false, ""))
                    .ToArray();
                await queue.Apply(new QueueSlice(slice));
            }
        });
        var perGrain = await Measure(count, async () =>
        {
            for (var i = 0; i < count; i += batchSize)
            {
                await Task.WhenAll(Enumerable.Range(i, Math.Min(batchSize, count - i))
                    .Select(n => grains.GetGrain<IConversationProbeGrain>($"measure/c{n}")
                        .Open(now + TimeSpan.FromHours(1))));
            }
        });
        await host.StopAsync();

        var report = new StringBuilder()
            .AppendLine("# Conversation model")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"Measured {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC by " +
                $"`balancer conversations`: {count:N0} conversations opened each way, in one in-process silo, " +
                $"{Environment.ProcessorCount} cores.")
            .AppendLine()
            .AppendLine("| model | opened/s | bytes per open conversation |")
            .AppendLine("| --- | ---: | ---: |")
            .AppendLine(Row("entries in the queue grain, batches of " + batchSize, entries))
            .AppendLine(Row("a grain per conversation with its own deadline timer", perGrain))
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture,
                $"Entries open {entries.PerSecond / perGrain.PerSecond:F0}x faster and take " +
                $"{perGrain.BytesEach / entries.BytesEach:F0}x less memory.");
        Directory.CreateDirectory(outDir);
        File.WriteAllText(Path.Combine(outDir, "conversation-model.md"), report.ToString());
        Console.WriteLine(report);
        return 0;
    }

    private static async Task<(double PerSecond, double BytesEach)> Measure(int count, Func<Task> open)
    {
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var watch = Stopwatch.StartNew();
        await open();
        watch.Stop();
        var after = GC.GetTotalMemory(forceFullCollection: true);
        return (count / watch.Elapsed.TotalSeconds, (after - before) / (double)count);
    }

    private static string Row(string model, (double PerSecond, double BytesEach) r) =>
        string.Create(CultureInfo.InvariantCulture, $"| {model} | {r.PerSecond:N0} | {r.BytesEach:N0} |");

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}

/// <summary>The alternative measured: one conversation, one activation, one deadline timer.</summary>
[Alias("balancer.cli.IConversationProbeGrain")]
public interface IConversationProbeGrain : IGrainWithStringKey
{
    [Alias("Open")]
    Task Open(DateTimeOffset deadline);
}

public sealed class ConversationProbeGrain : Grain, IConversationProbeGrain
{
    private DateTimeOffset _deadline;
    private bool _breached;

    public Task Open(DateTimeOffset deadline)
    {
        _deadline = deadline;
        this.RegisterGrainTimer(() =>
        {
            _breached |= DateTimeOffset.UtcNow >= _deadline;
            return Task.CompletedTask;
        }, new GrainTimerCreationOptions(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)) { KeepAlive = true });
        return Task.CompletedTask;
    }
}
