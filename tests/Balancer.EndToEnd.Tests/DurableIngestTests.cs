using System.Diagnostics;
using Balancer.Contracts.Api;
using Balancer.Contracts.Grains;
using Grpc.Core;
using Orleans.Core.Internal;
using Xunit.Abstractions;

namespace Balancer.EndToEnd.Tests;

/// <summary>
/// Ingest with durability configured: batches journaled before they are acknowledged, and the figures
/// rebuilt from the journal when a grain holding some of them is lost, or the whole host restarts.
/// </summary>
public sealed class DurableIngestTests(PostgresServer server, ITestOutputHelper output)
    : IClassFixture<PostgresServer>
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    /// <summary>How long a sender keeps retrying one batch told UNAVAILABLE.</summary>
    private static readonly TimeSpan RetryLimit = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Submit_GrainsLostMidway_FiguresRebuiltFromTheJournalEqualWhatWasSent()
    {
        await using var host = await DurableHost.Start(await server.CreateDatabase());
        var tenant = "lost-midway";
        await Tenants.Configure(host.For(tenant), [("q1", 3600)], ["a1"], [("s1", 3)]);
        var ingest = new Ingest.IngestClient(host.For(tenant));
        var acks = new List<BatchAck>();
        var unavailable = 0;

        for (var b = 0; b < 10; b++)
        {
            if (b == 5)
            {
                // As the loss of the silo holding them would: memory gone, stored state left.
                await Lose(host.Grains.GetGrain<ISequenceGrain>(GrainKeys.Of(tenant, "s1")));
                await Lose(host.Grains.GetGrain<IQueueGrain>(GrainKeys.Of(tenant, "q1")));
                await Lose(host.Grains.GetGrain<ITenantGrain>(tenant));
            }

            var (ack, refused) = await SubmitUntilAcknowledged(ingest, Batch(tenant, b));
            acks.Add(ack);
            unavailable += refused;
        }

        output.WriteLine($"{unavailable} submissions were answered UNAVAILABLE before the rebuild ended.");
        Assert.True(unavailable > 0, "The lost grains should have refused the batch after the loss.");
        Assert.Equal(10 * 55, acks.Sum(a => a.Accepted + a.Duplicates));
        Assert.All(acks, a => Assert.Empty(a.Rejected));
        await AssertFigures(host, tenant, sends: 500, replies: 50);
        Assert.True((await host.Grains.GetGrain<ITenantGrain>(tenant).GetEpoch()).Epoch >= 2);
    }

    [Fact]
    public async Task Restart_WholeHost_FiguresComeBackFromTheJournalWithoutANewBatch()
    {
        var database = await server.CreateDatabase();
        var tenant = "restarted";
        await using (var first = await DurableHost.Start(database))
        {
            await Tenants.Configure(first.For(tenant), [("q1", 3600)], ["a1"], [("s1", 3)]);
            var ingest = new Ingest.IngestClient(first.For(tenant));
            for (var b = 0; b < 3; b++)
            {
                var ack = await ingest.SubmitAsync(Batch(tenant, b), deadline: DateTime.UtcNow + Limit);
                Assert.Equal(55, ack.Accepted);
            }
        }

        var watch = Stopwatch.StartNew();
        await using var second = await DurableHost.Start(database);

        await Waits.Until(
            async () => (await Sequence(second, tenant)).Total.Sends.OneHour, sends => sends == 150,
            TimeSpan.FromSeconds(60));
        output.WriteLine($"Figures back {watch.ElapsedMilliseconds} ms after the restart began.");
        await AssertFigures(second, tenant, sends: 150, replies: 15);

        // Sent again after the restart, the batches are duplicates: the rebuilt gate remembers their ids.
        var again = await SubmitUntilAcknowledged(new Ingest.IngestClient(second.For(tenant)), Batch(tenant, 0));
        Assert.Equal((0, 55), (again.Ack.Accepted, again.Ack.Duplicates));
        await AssertFigures(second, tenant, sends: 150, replies: 15);
    }

    [Fact]
    public async Task Submit_PostgresStoppedAndStarted_UnavailableMeanwhileThenResumesCountingEachEventOnce()
    {
        var own = new PostgresServer();
        await own.InitializeAsync();
        try
        {
            await StopAndStartPostgres(own);
        }
        finally
        {
            await own.DisposeAsync();
        }
    }

    private async Task StopAndStartPostgres(PostgresServer own)
    {
        await using var host = await DurableHost.Start(await own.CreateDatabase());
        var tenant = "storage-down";
        await Tenants.Configure(host.For(tenant), [("q1", 3600)], ["a1"], [("s1", 3)]);
        var ingest = new Ingest.IngestClient(host.For(tenant));
        Assert.Equal(55, (await ingest.SubmitAsync(Batch(tenant, 0), deadline: DateTime.UtcNow + Limit)).Accepted);

        await own.Stop(immediate: true);
        var watch = Stopwatch.StartNew();
        var down = await Assert.ThrowsAsync<RpcException>(
            () => ingest.SubmitAsync(Batch(tenant, 1), deadline: DateTime.UtcNow + Limit).ResponseAsync);
        output.WriteLine($"Answered in {watch.ElapsedMilliseconds} ms while PostgreSQL was down: {down.Status}");
        Assert.Equal(StatusCode.Unavailable, down.StatusCode);
        Assert.Contains("PostgreSQL", down.Status.Detail);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(15), $"The answer took {watch.Elapsed}.");

        await own.Start();
        watch.Restart();
        var resumed = await SubmitUntilAcknowledged(ingest, Batch(tenant, 1));
        output.WriteLine($"Ingest resumed {watch.ElapsedMilliseconds} ms after PostgreSQL started again, " +
            $"after {resumed.Refused} refusals.");
        var last = await SubmitUntilAcknowledged(ingest, Batch(tenant, 2));

        Assert.Equal(55, resumed.Ack.Accepted + resumed.Ack.Duplicates);
        Assert.Equal(55, last.Ack.Accepted);
        await AssertFigures(host, tenant, sends: 150, replies: 15);
    }

    /// <summary>50 sends and 5 replies for people, their ids fixed by the batch's number.</summary>
    private static EventBatch Batch(string tenant, int number)
    {
        var ms = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var batch = new EventBatch { BatchId = $"{tenant}-{number}" };
        for (var i = 0; i < 50; i++)
        {
            batch.Events.Add(WithId(Events.Send(ms, "s1", 1 + (i % 3), $"c{number}-{i}"), $"{number}-send-{i}"));
        }

        for (var i = 0; i < 5; i++)
        {
            batch.Events.Add(WithId(Events.Reply(ms, $"r{number}-{i}", "s1", 1, "q1"), $"{number}-reply-{i}"));
        }

        return batch;
    }

    private static Event WithId(Event e, string id)
    {
        e.EventId = id;
        return e;
    }

    /// <summary>Sends the batch again, as a sender would, each time it is told UNAVAILABLE.</summary>
    private static async Task<(BatchAck Ack, int Refused)> SubmitUntilAcknowledged(
        Ingest.IngestClient ingest, EventBatch batch)
    {
        var watch = Stopwatch.StartNew();
        var refused = 0;
        while (true)
        {
            try
            {
                return (await ingest.SubmitAsync(batch, deadline: DateTime.UtcNow + Limit), refused);
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.Unavailable && watch.Elapsed < RetryLimit)
            {
                refused++;
                await Task.Delay(TimeSpan.FromMilliseconds(100));
            }
        }
    }

    private static async Task AssertFigures(DurableHost host, string tenant, int sends, int replies)
    {
        var query = new Query.QueryClient(host.For(tenant));
        var deadline = DateTime.UtcNow + Limit;
        var sequence = await Sequence(host, tenant);
        Assert.Equal(sends, sequence.Total.Sends.OneHour);
        Assert.Equal(replies, sequence.Total.HumanReplies.OneHour);
        var queue = await query.GetQueueAsync(new EntityRequest { Id = "q1" }, deadline: deadline);
        Assert.Equal(replies, queue.Depth);
        var rollup = await query.GetTenantOverviewAsync(new TenantRequest(), deadline: deadline);
        Assert.Equal(sends, rollup.Sends.OneHour);
        Assert.Equal(replies, rollup.HumanReplies.OneHour);
    }

    private static async Task<SequenceView> Sequence(DurableHost host, string tenant) =>
        await new Query.QueryClient(host.For(tenant)).GetSequenceAsync(
            new EntityRequest { Id = "s1" }, deadline: DateTime.UtcNow + Limit);

    private static async Task Lose(IGrain grain) =>
        await grain.AsReference<IGrainManagementExtension>().DeactivateOnIdle().AsTask().WaitAsync(Limit);
}
