using System.Diagnostics;
using Balancer.Contracts.Api;
using Grpc.Core;
using Grpc.Net.Client;
using Xunit.Abstractions;
using Channel = Balancer.Contracts.Api.Channel;

namespace Balancer.Cluster.Tests;

/// <summary>
/// Faults mid-stream against two silo processes and an api process on a real PostgreSQL: a silo killed, the
/// server stopped at once, the client's connection dropped. After each, every event the client sent is
/// acknowledged, counted once, and the figures equal a recount of what it sent.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class FaultTests(PostgresServer server, ITestOutputHelper output)
{
    private static readonly TimeSpan CallLimit = TimeSpan.FromSeconds(30);

    /// <summary>How long the sending of a whole run may take, the fault and the recovery included.</summary>
    private static readonly TimeSpan RunLimit = TimeSpan.FromMinutes(2);

    private static readonly string[] Tenants = ["north", "south", "east", "west"];

    /// <summary>A tenant apart from the run's, for a batch whose answer the test reads by itself.</summary>
    private const string ProbeTenant = "probe";

    [Fact]
    public async Task SiloKilledMidStream_EveryEventCountedOnce_FiguresEqualTheRecount()
    {
        await using var deployment = new ClusterDeployment(await server.CreateDatabase());
        var silos = await Task.WhenAll(deployment.StartSilo(), deployment.StartSilo());
        using var keys = await Configured(await deployment.StartApi());
        var sender = new RetryingSender(keys.For, Patient);
        var faulted = new TaskCompletionSource<Stopwatch>(TaskCreationOptions.RunContinuationsAsynchronously);
        var resumed = ResumedAfter(sender, faulted.Task);
        var acks = 0;
        var clock = Stopwatch.StartNew();
        var ackTimes = new List<TimeSpan>();
        sender.Acknowledged += ack =>
        {
            ackTimes.Add(clock.Elapsed);
            if (++acks == 12)
            {
                _ = Task.Run(async () =>
                {
                    await silos[0].Process.Kill();
                    faulted.SetResult(Stopwatch.StartNew());
                });
            }
        };

        try
        {
            await sender.Send(Workload(batches: 48)).WaitAsync(RunLimit);
        }
        catch
        {
            output.WriteLine(deployment.Outputs());
            throw;
        }

        var longestGap = ackTimes.Zip(ackTimes.Skip(1), (x, y) => y - x).Max();
        output.WriteLine($"Silo killed after 12 acknowledgements; the next came {await resumed} ms later, and " +
            $"the longest wait between two acknowledgements was {longestGap.TotalMilliseconds:F0} ms. " +
            $"{sender.Streams} streams, {sender.Resent} batches resent, {sender.Duplicates} duplicates; " +
            string.Join(" | ", sender.Failures.Take(5)));
        await AssertCountedOnce(keys, sender, batches: 48);
    }

    [Fact]
    public async Task SiloJoinsThenOneLeavesGracefullyMidStream_EveryEventCountedOnce_FiguresEqualTheRecount()
    {
        await using var deployment = new ClusterDeployment(await server.CreateDatabase());
        var silos = await Task.WhenAll(deployment.StartSilo(), deployment.StartSilo());
        using var keys = await Configured(await deployment.StartApi());
        var sender = new RetryingSender(keys.For, Patient);
        var changes = new List<Task>();
        var acks = 0;
        sender.Acknowledged += ack =>
        {
            acks++;
            if (acks == 8)
            {
                changes.Add(Task.Run(() => deployment.StartSilo()));
            }
            else if (acks == 20)
            {
                // SIGTERM: the silo leaves the cluster as a scale-down would, its grains deactivating.
                changes.Add(Task.Run(() => silos[0].Process.Stop(ClusterDeployment.StopLimit)));
            }
        };

        try
        {
            await sender.Send(Workload(batches: 40)).WaitAsync(RunLimit);
            await Task.WhenAll(changes).WaitAsync(RunLimit);
        }
        catch
        {
            output.WriteLine(deployment.Outputs());
            throw;
        }

        output.WriteLine($"A silo joined after 8 acknowledgements and one left after 20: {sender.Streams} streams, " +
            $"{sender.Resent} batches resent, {sender.Duplicates} duplicates; " +
            string.Join(" | ", sender.Failures.Take(3)));
        Assert.Equal(2, (await deployment.Membership()).Count(r => r.Status == SiloStatus.Active));
        await AssertCountedOnce(keys, sender, batches: 40);
    }

    [Fact]
    public async Task PostgresStoppedMidStream_UnavailableWhileDownThenEveryEventCountedOnce()
    {
        await using var deployment = new ClusterDeployment(await server.CreateDatabase());
        await Task.WhenAll(deployment.StartSilo(), deployment.StartSilo());
        using var keys = await Configured(await deployment.StartApi());

        // The probe's tenant takes no part in the run, so its gate is still open when PostgreSQL goes: a tenant of
        // the run may have had its gate closed by its own failed batch first, and answers that it is rebuilding.
        // One batch first, so that its grains are active and only the journal needs the server.
        await TenantCatalog.Configure(keys.For(ProbeTenant), CallLimit);
        Assert.Equal(1, (await Submit(keys.For(ProbeTenant), "before")).Accepted);
        var sender = new RetryingSender(keys.For, Patient);
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var acks = 0;
        sender.Acknowledged += ack =>
        {
            if (++acks == 12)
            {
                _ = Task.Run(async () =>
                {
                    await server.Stop(immediate: true);
                    stopped.SetResult();
                });
            }
        };

        var sending = sender.Send(Workload(batches: 36));
        await stopped.Task.WaitAsync(CallLimit);
        var down = Stopwatch.StartNew();
        var whileDown = await Assert.ThrowsAsync<RpcException>(() => Submit(keys.For(ProbeTenant), "probe"));
        output.WriteLine($"A batch sent while PostgreSQL was down was answered in {down.ElapsedMilliseconds} ms: " +
            whileDown.Status.Detail);
        await Task.Delay(TimeSpan.FromSeconds(5));
        var failuresWhileDown = sender.Failures.ToList();
        await server.Start();
        var restarted = Stopwatch.StartNew();
        var acksAtRestart = acks;
        var firstAfter = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        sender.Acknowledged += _ => firstAfter.TrySetResult(restarted.ElapsedMilliseconds);
        try
        {
            await sending.WaitAsync(RunLimit);
        }
        catch
        {
            output.WriteLine(deployment.Outputs());
            throw;
        }

        output.WriteLine($"PostgreSQL stopped after 12 acknowledgements for about 5 s; ingest resumed " +
            $"{(acks > acksAtRestart ? await firstAfter.Task : -1)} ms after it started again. " +
            $"{sender.Streams} streams, {sender.Resent} resent, {sender.Duplicates} duplicates; " +
            string.Join(" | ", failuresWhileDown.Take(3)));
        Assert.Equal(StatusCode.Unavailable, whileDown.StatusCode);
        Assert.Contains("PostgreSQL", whileDown.Status.Detail);
        Assert.True(down.Elapsed < TimeSpan.FromSeconds(20), $"Answered only after {down.Elapsed}.");
        // Every broken stream was ended by the server, none given up on for a missing answer; a stream the server
        // ends while the client still writes may read as Cancelled on the client's side.
        Assert.NotEmpty(failuresWhileDown);
        Assert.All(failuresWhileDown, f => Assert.StartsWith("RpcException: Status(StatusCode=", f));
        Assert.Contains(failuresWhileDown, f => f.StartsWith("RpcException: Status(StatusCode=\"Unavailable\"",
            StringComparison.Ordinal));
        await AssertCountedOnce(keys, sender, batches: 36);
    }

    [Fact]
    public async Task ClientDroppedMidStream_BatchesSentAgainCountOnce_FiguresEqualTheRecount()
    {
        await using var deployment = new ClusterDeployment(await server.CreateDatabase());
        await Task.WhenAll(deployment.StartSilo(), deployment.StartSilo());
        var api = await deployment.StartApi();
        using var keys = await Configured(api);
        var batches = Workload(batches: 24);

        // A client that writes ahead, hears three acknowledgements and loses its connection.
        var acknowledged = await WriteAheadAndDrop(api, keys, batches.Take(12).ToList());

        var dropped = Stopwatch.StartNew();
        var sender = new RetryingSender(keys.For, Patient);
        var first = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        sender.Acknowledged += _ => first.TrySetResult(dropped.ElapsedMilliseconds);
        await sender.Send(batches.Skip(3).ToList()).WaitAsync(RunLimit);

        output.WriteLine($"Dropped after 3 of 12 batches written were acknowledged; the new stream's first " +
            $"acknowledgement came {await first.Task} ms later; {sender.Duplicates} events of the 9 unacknowledged " +
            "batches were duplicates.");
        Assert.Equal(3, acknowledged.Count);
        Assert.All(acknowledged, a => Assert.Equal((Batch, 0), (a.Accepted, a.Duplicates)));
        await AssertFigures(keys, batches.Count);
        Assert.Equal(21 * Batch, sender.Accepted.Values.Sum());
    }

    /// <summary>A sender that waits out a rebuild: up to 40 broken streams, a second at most between two.</summary>
    private static RetryPolicy Patient => new(
        MaxFailures: 40, MaxBackoff: TimeSpan.FromSeconds(1), AckTimeout: TimeSpan.FromSeconds(20),
        Pause: TimeSpan.FromMilliseconds(50));

    /// <summary>Events per batch: 20 sends and 5 replies for the queue.</summary>
    private const int Batch = 25;

    /// <summary>Configures every tenant through the api, and returns what issued their keys.</summary>
    private static async Task<TenantKeys> Configured(RunningApi api)
    {
        var keys = new TenantKeys(api.GrpcUrl);
        foreach (var tenant in Tenants)
        {
            await TenantCatalog.Configure(keys.For(tenant), CallLimit);
        }

        return keys;
    }

    /// <summary>
    /// Writes the batches ahead, on a stream per tenant, each on a connection of its own apart from the
    /// keys' channels; reads the acknowledgements of the first three, three tenants' first batches and so
    /// each the first on its stream; and drops the connections.
    /// </summary>
    private static async Task<List<BatchAck>> WriteAheadAndDrop(
        RunningApi api, TenantKeys keys, IReadOnlyList<TenantBatch> batches)
    {
        var acknowledged = new List<BatchAck>();
        var channels = new Dictionary<string, GrpcChannel>(StringComparer.Ordinal);
        var calls = new Dictionary<string, AsyncDuplexStreamingCall<EventBatch, IngestReply>>(StringComparer.Ordinal);
        try
        {
            foreach (var (tenant, batch) in batches)
            {
                if (!calls.TryGetValue(tenant, out var call))
                {
                    channels[tenant] = TenantKeys.Open(api.GrpcUrl, await keys.KeyOf(tenant));
                    calls[tenant] = call = new Ingest.IngestClient(channels[tenant]).Stream();
                }

                await call.RequestStream.WriteAsync(batch).WaitAsync(CallLimit);
            }

            foreach (var (tenant, _) in batches.Take(3))
            {
                var replies = calls[tenant].ResponseStream;
                while (await replies.MoveNext().WaitAsync(CallLimit))
                {
                    if (replies.Current.Ack is { } ack)
                    {
                        acknowledged.Add(ack);
                        break;
                    }
                }
            }
        }
        finally
        {
            foreach (var call in calls.Values)
            {
                call.Dispose();
            }

            foreach (var channel in channels.Values)
            {
                channel.Dispose();
            }
        }

        return acknowledged;
    }

    /// <summary>How long after the fault the sender's next acknowledgement came, in milliseconds.</summary>
    private static async Task<long> ResumedAfter(RetryingSender sender, Task<Stopwatch> fault)
    {
        var next = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        sender.Acknowledged += _ =>
        {
            if (fault.IsCompletedSuccessfully)
            {
                next.TrySetResult(fault.Result.ElapsedMilliseconds);
            }
        };
        return await next.Task.WaitAsync(RunLimit);
    }

    /// <summary>One batch while the storage is down: the answer must come, and say why.</summary>
    /// <summary>One batch of one send for the probe's tenant.</summary>
    private static async Task<BatchAck> Submit(GrpcChannel channel, string id)
    {
        var batch = new EventBatch { BatchId = id };
        batch.Events.Add(Send(ProbeTenant, id, 0, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()));
        return await new Ingest.IngestClient(channel).SubmitAsync(batch, deadline: DateTime.UtcNow + CallLimit);
    }

    private async Task AssertCountedOnce(TenantKeys keys, RetryingSender sender, int batches)
    {
        Assert.Equal(batches * 20, sender.Sent[Event.KindOneofCase.Send]);
        Assert.Equal(batches * 20, sender.Accepted[Event.KindOneofCase.Send]);
        Assert.Equal(batches * 5, sender.Accepted[Event.KindOneofCase.Reply]);
        await AssertFigures(keys, batches);
    }

    /// <summary>The figures of every tenant against a recount of the workload's batches, which take turns.</summary>
    private async Task AssertFigures(TenantKeys keys, int batches)
    {
        foreach (var (tenant, index) in Tenants.Select((t, i) => (t, i)))
        {
            var query = new Query.QueryClient(keys.For(tenant));
            var mine = Enumerable.Range(0, batches).Count(b => b % Tenants.Length == index);
            var deadline = DateTime.UtcNow + CallLimit;
            var sequence = await query.GetSequenceAsync(
                new EntityRequest { Id = TenantCatalog.Sequence }, deadline: deadline);
            var queue = await query.GetQueueAsync(new EntityRequest { Id = TenantCatalog.Queue }, deadline: deadline);
            var rollup = await query.GetTenantOverviewAsync(new TenantRequest(), deadline: deadline);
            output.WriteLine($"{tenant}: {sequence.Total.Sends.OneHour} sends, {queue.Depth} waiting, " +
                $"rollup {rollup.Sends.OneHour} sends and {rollup.HumanReplies.OneHour} human replies.");
            Assert.Equal(
                (mine * 20L, mine * 5L, mine * 5, mine * 20L, mine * 5L),
                (sequence.Total.Sends.OneHour, sequence.Total.HumanReplies.OneHour, queue.Depth,
                    rollup.Sends.OneHour, rollup.HumanReplies.OneHour));
        }
    }

    /// <summary>Batches of 20 sends and 5 replies for people, tenants taking turns; every event id unique.</summary>
    private static List<TenantBatch> Workload(int batches)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        return [.. Enumerable.Range(0, batches).Select(b =>
        {
            var tenant = Tenants[b % Tenants.Length];
            var batch = new EventBatch { BatchId = $"{tenant}-{b}" };
            for (var i = 0; i < 20; i++)
            {
                batch.Events.Add(Send(tenant, $"{b}-send-{i}", i, now));
            }

            for (var i = 0; i < 5; i++)
            {
                batch.Events.Add(new Event
                {
                    EventId = $"{tenant}-{b}-reply-{i}",
                    OccurredAtMs = now,
                    Reply = new Reply
                    {
                        ConversationId = $"{tenant}-{b}-conversation-{i}", ContactId = $"contact-{b}-{i}",
                        SequenceId = TenantCatalog.Sequence, Step = 1, QueueId = TenantCatalog.Queue,
                    },
                });
            }

            return new TenantBatch(tenant, batch);
        })];
    }

    private static Event Send(string tenant, string id, int contact, long now) => new()
    {
        EventId = $"{tenant}-{id}",
        OccurredAtMs = now,
        Send = new Send
        {
            SequenceId = TenantCatalog.Sequence, Step = 1, ContactId = $"contact-{id}-{contact}",
            Channel = Channel.Email,
        },
    };
}
