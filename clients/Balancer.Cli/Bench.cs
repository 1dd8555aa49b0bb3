using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Balancer.Api.Hosting;
using Balancer.Contracts.Api;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;

namespace Balancer.Cli;

/// <summary>
/// Ingest events per second through the full pipeline (gRPC stream, validation, grains, breach
/// tracking) against a bare gRPC sink that only counts, with the same client, batches and streams,
/// in the same process and run. Rounds alternate between the two; the medians are reported. Given a
/// PostgreSQL connection (<c>--connection</c>), a third kind of round runs the durable pipeline, whose
/// batches are journaled before they are acknowledged, against a second api host on that database. Each
/// host has a bootstrap key of the run's own, which issues the key its tenant's streams present.
/// </summary>
public static class Bench
{
    private const int InFlightPerStream = 4;

    public static async Task<int> Run(Options options)
    {
        var events = options.Number("events", 2_000_000, 1_000, 50_000_000);
        var rounds = options.Number("rounds", 5, 1, 20);
        var batchSize = options.Number("batch", 500, 1, 5_000);
        var streams = options.Number("streams", 4, 1, 64);
        var outDir = options.Text("out", "bench");
        var connection = options.Text("connection", "");

        // Random, never the development key, which a durable host refuses.
        var bootstrap = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var (app, channel) = await Host(sink: true, connection: null, BenchWorkload.Tenant, bootstrap);

        // A tenant of this run's own: one left in the journal by an earlier run would be rebuilt first.
        var durableTenant = $"bench-{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}";
        var ingest = new Ingest.IngestClient(channel);
        var sink = new BenchSink.BenchSinkClient(channel);
        Func<AsyncDuplexStreamingCall<EventBatch, IngestReply>> openIngest = () => ingest.Stream();
        Func<AsyncDuplexStreamingCall<EventBatch, IngestReply>> openSink = () => sink.Stream();
        WebApplication? durableApp = null;
        Func<AsyncDuplexStreamingCall<EventBatch, IngestReply>>? openDurable = null;
        if (connection.Length > 0)
        {
            (durableApp, var durableChannel) = await Host(sink: false, connection, durableTenant, bootstrap);
            var durable = new Ingest.IngestClient(durableChannel);
            openDurable = () => durable.Stream();
        }

        Console.WriteLine($"Warming up; then {rounds} rounds of {events:N0} events each way, " +
            $"batches of {batchSize}, {streams} streams, {InFlightPerStream} batches in flight per stream" +
            (openDurable is null ? "." : ", the durable pipeline journaling to PostgreSQL as a third way."));
        // One full round of each, discarded: shorter warm-ups left the first measured round of both
        // kinds at half speed, the JIT and the GC's heap sizing still settling.
        await Round(openSink, Workload("warm-sink", events, batchSize, streams));
        await Round(openIngest, Workload("warm-ingest", events, batchSize, streams));
        if (openDurable is not null)
        {
            await Round(openDurable, Workload("warm-durable", events, batchSize, streams));
        }

        var sinkRuns = new List<RoundResult>();
        var ingestRuns = new List<RoundResult>();
        var durableRuns = new List<RoundResult>();
        for (var r = 0; r < rounds; r++)
        {
            sinkRuns.Add(await Round(openSink, Workload($"s{r}", events, batchSize, streams)));
            ingestRuns.Add(await Round(openIngest, Workload($"i{r}", events, batchSize, streams)));
            var line = $"round {r + 1}: sink {sinkRuns[^1].EventsPerSecond:N0} ev/s " +
                $"({sinkRuns[^1].BytesAllocatedPerEvent:F0} B/ev, GC {sinkRuns[^1].GcPauseMilliseconds:F0} ms), " +
                $"pipeline {ingestRuns[^1].EventsPerSecond:N0} ev/s " +
                $"({ingestRuns[^1].BytesAllocatedPerEvent:F0} B/ev, GC {ingestRuns[^1].GcPauseMilliseconds:F0} ms)";
            if (openDurable is not null)
            {
                durableRuns.Add(
                    await Round(openDurable, Workload($"d{r}", events, batchSize, streams)));
                line += $", durable {durableRuns[^1].EventsPerSecond:N0} ev/s";
            }

            Console.WriteLine(line);
        }

        // Each pipeline round ran right after its sink round, so their ratio is the paired figure;
        // likewise each durable round right after its in-memory pipeline round.
        var paired = Paired(ingestRuns, sinkRuns);
        var durablePaired = durableRuns.Count > 0 ? Paired(durableRuns, ingestRuns) : null;
        var report = new BenchReport(
            DateTimeOffset.UtcNow, Machine(), events, rounds, batchSize, streams, InFlightPerStream,
            Median(sinkRuns), Median(ingestRuns),
            Median(ingestRuns).EventsPerSecond / Median(sinkRuns).EventsPerSecond,
            paired[paired.Count / 2], paired[0], paired[^1],
            durableRuns.Count > 0 ? Median(durableRuns) : null,
            durableRuns.Count > 0 ? Median(durableRuns).EventsPerSecond / Median(ingestRuns).EventsPerSecond : null,
            durablePaired?[durablePaired.Count / 2], durablePaired?[0], durablePaired?[^1]);
        if (durableApp is not null)
        {
            await durableApp.StopAsync();
            await durableApp.DisposeAsync();
        }

        await app.StopAsync();
        await app.DisposeAsync();
        Write(report, outDir);
        return ingestRuns.Concat(durableRuns).Sum(r => r.Rejected) == 0 ? 0 : 1;
    }

    /// <summary>
    /// An api host with its embedded silo on free loopback ports, configured for the workload, and a channel
    /// presenting a key of <paramref name="tenant"/> that <paramref name="bootstrap"/> issued.
    /// </summary>
    private static async Task<(WebApplication App, GrpcChannel Channel)> Host(
        bool sink, string? connection, string tenant, string bootstrap)
    {
        var (webPort, grpcPort, siloPort, gatewayPort) = (FreePort(), FreePort(), FreePort(), FreePort());
        var settings = new Dictionary<string, string?>
        {
            ["Kestrel:Endpoints:Web:Url"] = $"http://127.0.0.1:{webPort}",
            ["Kestrel:Endpoints:Web:Protocols"] = "Http1",
            ["Kestrel:Endpoints:Grpc:Url"] = $"http://127.0.0.1:{grpcPort}",
            ["Kestrel:Endpoints:Grpc:Protocols"] = "Http2",
            ["Balancer:Cluster:SiloPort"] = siloPort.ToString(CultureInfo.InvariantCulture),
            ["Balancer:Cluster:GatewayPort"] = gatewayPort.ToString(CultureInfo.InvariantCulture),
            ["Balancer:Cluster:AdvertisedAddress"] = "127.0.0.1",
            ["Balancer:Api:EnableBenchSink"] = sink ? "true" : "false",
            ["Balancer:Auth:BootstrapKey"] = bootstrap,
            // The bench measures what the pipeline can take, not the per-tenant limit it would hit first.
            ["Balancer:Limits:EventsPerSecond"] = "0",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        if (connection is not null)
        {
            settings["ConnectionStrings:Balancer"] = connection;
        }

        var app = BalancerApiHost.Build([], builder => builder.Configuration.AddInMemoryCollection(settings));
        await app.StartAsync();
        var url = $"http://127.0.0.1:{grpcPort}";
        using var operatorChannel = ApiAccess.Channel(url, bootstrap);
        var key = await ApiAccess.Issue(operatorChannel, tenant, "bench", Role.Admin, Role.Sender);
        var channel = ApiAccess.Channel(url, key.Secret);
        await Configure(new Configuration.ConfigurationClient(channel));
        return (app, channel);
    }

    private static List<double> Paired(List<RoundResult> runs, List<RoundResult> before) =>
        runs.Zip(before, (r, b) => r.EventsPerSecond / b.EventsPerSecond).Order().ToList();

    private static async Task Configure(Configuration.ConfigurationClient config)
    {
        for (var q = 0; q < BenchWorkload.Queues; q++)
        {
            // A short window, so deadlines fall due and breaches are counted while the bench runs.
            await config.UpsertQueueAsync(new QueueConfig
            {
                QueueId = $"q-{q}",
                ReplyWindowSeconds = 5,
            });
        }

        for (var a = 0; a < BenchWorkload.Agents; a++)
        {
            await config.UpsertAgentAsync(new AgentConfig
            {
                AgentId = $"agent-{a}", Tier = AgentTier.Standard, Slots = 100, DailyCeiling = 1000,
            });
        }

        for (var s = 0; s < BenchWorkload.Sequences; s++)
        {
            var sequence = new SequenceConfig { SequenceId = $"seq-{s}", Channel = Channel.Email };
            sequence.Steps.AddRange(Enumerable.Range(0, BenchWorkload.Steps).Select(_ => new SequenceStep()));
            await config.UpsertSequenceAsync(sequence);
        }
    }

    private static List<List<EventBatch>> Workload(string round, int events, int batchSize, int streams)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        return [.. Enumerable.Range(0, streams)
            .Select(s => BenchWorkload.Build($"{round}-{s}", events / streams, batchSize, now))];
    }

    private static async Task<RoundResult> Round(
        Func<AsyncDuplexStreamingCall<EventBatch, IngestReply>> open, List<List<EventBatch>> perStream)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var pauseBefore = GC.GetTotalPauseDuration();
        var gen2Before = GC.CollectionCount(2);
        var allocatedBefore = GC.GetTotalAllocatedBytes();
        var watch = Stopwatch.StartNew();
        var results = await Task.WhenAll(perStream.Select(batches => Stream(open, batches)));
        watch.Stop();
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuBefore;
        var pause = GC.GetTotalPauseDuration() - pauseBefore;
        var gen2 = GC.CollectionCount(2) - gen2Before;
        var allocated = GC.GetTotalAllocatedBytes() - allocatedBefore;
        var accepted = results.Sum(r => r.Accepted);
        var rejected = results.Sum(r => r.Rejected);
        var total = accepted + rejected;
        return new RoundResult(
            total, rejected, watch.Elapsed.TotalSeconds, total / watch.Elapsed.TotalSeconds,
            cpu.TotalSeconds, cpu.TotalSeconds / watch.Elapsed.TotalSeconds, cpu.TotalMicroseconds / total,
            (double)allocated / total, pause.TotalMilliseconds, gen2);
    }

    private static async Task<(long Accepted, long Rejected)> Stream(
        Func<AsyncDuplexStreamingCall<EventBatch, IngestReply>> open, List<EventBatch> batches)
    {
        using var call = open();
        using var inFlight = new SemaphoreSlim(InFlightPerStream);
        long accepted = 0, rejected = 0;
        var reader = Task.Run(async () =>
        {
            await foreach (var reply in call.ResponseStream.ReadAllAsync())
            {
                if (reply.Ack is { } ack)
                {
                    accepted += ack.Accepted;
                    rejected += ack.Rejected.Count;
                    inFlight.Release();
                }
            }
        });
        foreach (var batch in batches)
        {
            await inFlight.WaitAsync();
            await call.RequestStream.WriteAsync(batch);
        }

        await call.RequestStream.CompleteAsync();
        await reader;
        return (accepted, rejected);
    }

    private static RoundResult Median(List<RoundResult> runs) =>
        runs.OrderBy(r => r.EventsPerSecond).ElementAt(runs.Count / 2);

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    private static MachineInfo Machine()
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?
                .Split(':', 2)[1].Trim() ?? "unknown"
            : "unknown";
        var debug = Assembly.GetExecutingAssembly().GetCustomAttribute<DebuggableAttribute>()?.IsJITOptimizerDisabled
            ?? false;
        return new MachineInfo(
            cpu, Environment.ProcessorCount, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024 * 1024 * 1024.0),
            RuntimeInformation.OSDescription, RuntimeInformation.FrameworkDescription, debug ? "Debug" : "Release",
            System.Runtime.GCSettings.IsServerGC ? "server" : "workstation");
    }

    private static void Write(BenchReport report, string outDir)
    {
        Directory.CreateDirectory(outDir);
        var json = JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true });
        File.WriteAllText(Path.Combine(outDir, "ingest.json"), json + "\n");
        var m = report.Machine;
        var md = new StringBuilder()
            .AppendLine("# Ingest benchmark")
            .AppendLine()
            .AppendLine(
                CultureInfo.InvariantCulture,
                $"Measured {report.At:yyyy-MM-dd HH:mm} UTC by `balancer bench`, " +
                $"{report.Rounds} alternating rounds of {report.EventsPerRound:N0} events each way; medians.")
            .AppendLine()
            .AppendLine(
                "| run | events/s | wall s | CPU s | cores busy | CPU µs/event | bytes/event | GC pause ms | " +
                "gen2 GCs | rejected |")
            .AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
            .AppendLine(Row("bare gRPC sink", report.Sink))
            .AppendLine(Row("full pipeline", report.Pipeline))
            .Append(report.Durable is { } durable ? Row("durable pipeline (journaled)", durable) + "\n" : "")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture,
                $"**Ratio, pipeline to sink: {report.Ratio:F2}** (of the medians)")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture,
                $"Round by round, each pipeline round over the sink round just before it: median " +
                $"{report.PairedRatio:F2}, from {report.PairedRatioMin:F2} to {report.PairedRatioMax:F2}.")
            .AppendLine()
            .Append(report.DurableRatio is { } durableRatio
                ? string.Create(CultureInfo.InvariantCulture,
                    $"**Ratio, durable to in-memory pipeline: {durableRatio:F2}** (of the medians); round by round " +
                    $"{report.DurablePairedRatio:F2}, from {report.DurablePairedRatioMin:F2} to " +
                    $"{report.DurablePairedRatioMax:F2}. Every durable batch is acknowledged only once PostgreSQL " +
                    $"has committed it; the server ran on the same machine, and its CPU is not in the table.\n\n")
                : "")
            .AppendLine(
                CultureInfo.InvariantCulture,
                $"Batches of {report.BatchSize} events, {report.Streams} streams, " +
                $"{report.InFlightPerStream} batches in flight per stream; " +
                $"client, api and embedded silo in one process.")
            .AppendLine()
            .AppendLine(
                CultureInfo.InvariantCulture,
                $"Machine: {m.Cpu}, {m.Cores} cores, {m.MemoryGiB:F0} GiB, {m.Os}, " +
                $"{m.Runtime}, {m.Build} build, {m.Gc} GC.");
        File.WriteAllText(Path.Combine(outDir, "ingest.md"), md.ToString());
        Console.WriteLine(md.ToString());
    }

    private static string Row(string name, RoundResult r) => string.Create(CultureInfo.InvariantCulture,
        $"| {name} | {r.EventsPerSecond:N0} | {r.WallSeconds:F2} | {r.CpuSeconds:F2} | {r.CoresBusy:F2} | " +
        $"{r.CpuMicrosecondsPerEvent:F1} | {r.BytesAllocatedPerEvent:F0} | {r.GcPauseMilliseconds:F0} | " +
        $"{r.Gen2Collections} | {r.Rejected} |");
}

public sealed record RoundResult(
    long Events, long Rejected, double WallSeconds, double EventsPerSecond, double CpuSeconds, double CoresBusy,
    double CpuMicrosecondsPerEvent, double BytesAllocatedPerEvent, double GcPauseMilliseconds, int Gen2Collections);

public sealed record MachineInfo(
    string Cpu, int Cores, double MemoryGiB, string Os, string Runtime, string Build, string Gc);

public sealed record BenchReport(
    DateTimeOffset At, MachineInfo Machine, int EventsPerRound, int Rounds, int BatchSize, int Streams,
    int InFlightPerStream, RoundResult Sink, RoundResult Pipeline, double Ratio, double PairedRatio,
    double PairedRatioMin, double PairedRatioMax, RoundResult? Durable, double? DurableRatio,
    double? DurablePairedRatio, double? DurablePairedRatioMin, double? DurablePairedRatioMax);
