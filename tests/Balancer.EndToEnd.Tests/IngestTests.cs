using Balancer.Contracts.Api;
using Grpc.Core;
using Grpc.Net.Client;
using Channel = Balancer.Contracts.Api.Channel;
using Presence = Balancer.Contracts.Api.Presence;

namespace Balancer.EndToEnd.Tests;

[Collection(ApiCollection.Name)]
public sealed class IngestTests(ApiFixture fixture)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Stream_ValidBatches_AcknowledgedAndFiguresEqualWhatWasSent()
    {
        var tenant = ApiFixture.NewTenant("stream");
        await Tenants.Configure(fixture.For(tenant), [("q1", 3600)], ["a1"], [("s1", 3), ("s2", 1)]);
        var ms = fixture.NowMs;
        var batches = new[]
        {
            Events.Batch([
                .. Enumerable.Range(0, 30).Select(i => Events.Send(ms, "s1", 1, $"c{i}")),
                .. Enumerable.Range(0, 10).Select(i => Events.Send(ms, "s1", 2, $"c{i}", Channel.Sms)),
                .. Enumerable.Range(0, 5).Select(i => Events.Send(ms, "s2", 1, $"d{i}", Channel.Chat)),
            ]),
            Events.Batch([
                .. Enumerable.Range(0, 8).Select(i => Events.Reply(ms, $"r{i}", "s1", 1, "q1")),
                .. Enumerable.Range(0, 4).Select(i => Events.BotReply(ms, $"b{i}", "s1", 2)),
                .. Enumerable.Range(0, 2).Select(i => Events.BotResolved(ms, $"b{i}", "s1", 2)),
                .. Enumerable.Range(2, 2).Select(i => Events.Escalated(ms, $"b{i}", "s1", 2, "q1")),
                .. Enumerable.Range(0, 3).Select(i => Events.Conversion(ms, "s1", 1, $"c{i}")),
            ]),
            Events.Batch([
                .. Enumerable.Range(0, 5).Select(i => Events.Response(ms, $"r{i}", "q1", "a1")),
                Events.Resolved(ms, "r0", "q1"),
                Events.Resolved(ms, "r1", "q1"),
                Events.Presence(ms, "a1", Presence.Online),
            ]),
        };

        var acks = await StreamAll(fixture.For(tenant), batches);

        Assert.Equal([45, 19, 8], acks.Select(a => a.Accepted));
        Assert.All(acks, a => Assert.Empty(a.Rejected));
        Assert.Equal(batches.Select(b => b.BatchId), acks.Select(a => a.BatchId));
        var query = new Query.QueryClient(fixture.For(tenant));
        var s1 = await query.GetSequenceAsync(new EntityRequest { Id = "s1" }, deadline: Deadline());
        Assert.Equal(40, s1.Total.Sends.OneHour);
        Assert.Equal(30, s1.Steps[0].SendsByChannel["email"].OneHour);
        Assert.Equal(10, s1.Steps[1].SendsByChannel["sms"].OneHour);
        Assert.Equal(12, s1.Total.Replies.OneHour);
        Assert.Equal(10, s1.Total.HumanReplies.OneHour);
        Assert.Equal(2, s1.Total.BotResolved.OneHour);
        Assert.Equal(2, s1.Total.Escalated.OneHour);
        Assert.Equal(3, s1.Total.Conversions.OneHour);
        Assert.Equal(30, s1.Entries.OneHour);
        Assert.Equal(12.0 / 40, s1.Total.ReplyRate.OneHour);
        var s2 = await query.GetSequenceAsync(new EntityRequest { Id = "s2" }, deadline: Deadline());
        Assert.Equal(5, s2.Steps[0].SendsByChannel["chat"].OneHour);
        var q1 = await query.GetQueueAsync(new EntityRequest { Id = "q1" }, deadline: Deadline());
        Assert.Equal(5, q1.Depth);
        Assert.Equal(8, q1.Open);
        Assert.Equal(5, q1.FirstResponses.OneHour);
        Assert.Equal(5, q1.Met.OneHour);
        var a1 = await query.GetAgentAsync(new EntityRequest { Id = "a1" }, deadline: Deadline());
        Assert.Equal(
            (3, 5, 2, Presence.Online),
            (a1.SlotsInUse, a1.RepliesToday, (int)a1.Closures.OneHour, a1.Presence));
        var overview = await Waits.Until(
            () => query
                .GetTenantOverviewAsync(new TenantRequest(), deadline: Deadline())
                .ResponseAsync,
            o => o.Met.OneHour == 5, Timeout);
        Assert.Equal((45, 10), (overview.Sends.OneHour, overview.HumanReplies.OneHour));
        Assert.Equal(4.5, overview.SendsPerHumanReply.OneHour);
        Assert.False(overview.EscalationRate.HasOneHour);
    }

    [Fact]
    public async Task Stream_MalformedEvents_RejectedByFieldWhileValidOnesApplyOnce()
    {
        var tenant = ApiFixture.NewTenant("malformed");
        await Tenants.Configure(fixture.For(tenant), [("q1", 3600)], ["a1"], [("s1", 3)]);
        var ms = fixture.NowMs;
        var valid = Events.Send(ms, "s1", 1, "c1");
        var noKind = Events.Send(ms, "s1", 1, "c1");
        noKind.ClearKind();
        var noId = Events.Send(ms, "s1", 1, "c1");
        noId.EventId = "";
        var duplicate = Events.Send(ms, "s1", 1, "c2");
        duplicate.EventId = valid.EventId;
        var batch = Events.Batch([
            valid,
            noId,
            Events.Send(ms, "nope", 1, "c1"),
            Events.Send(ms, "s1", 4, "c1"),
            Events.Send(ms, "s1", 1, "c1", Channel.Unspecified),
            Events.Reply(ms, "r1", "s1", 1, "nowhere"),
            duplicate,
            Events.Send(ms + (long)TimeSpan.FromHours(1).TotalMilliseconds, "s1", 1, "c1"),
            noKind,
            Events.Response(ms, "never-opened", "q1", "a1"),
            Events.Reply(ms, "r2", "s1", 1, "q1"),
            Events.Send(ms, "s1", 1, "has/slash"),
            Events.Send(ms, "s1", 1, new string('x', 65)),
        ]);

        var ack = (await StreamAll(fixture.For(tenant), [batch])).Single();

        Assert.Equal(2, ack.Accepted);
        Assert.Equal(
            [
                (1, "event_id"), (2, "send.sequence_id"), (3, "send.step"), (4, "send.channel"),
                (5, "reply.queue_id"), (6, "event_id"), (7, "occurred_at_ms"), (8, "kind"),
                (9, "agent_response.conversation_id"), (11, "send.contact_id"), (12, "send.contact_id"),
            ],
            ack.Rejected.Select(r => (r.Index, r.Field)));
        Assert.Equal("must be from 1 to 3, the steps of sequence 's1'; it is 4", ack.Rejected[2].Reason);
        Assert.Equal("no queue 'nowhere' is configured for this tenant", ack.Rejected[4].Reason);
        Assert.Equal($"repeats the id of event 0 of this batch", ack.Rejected[5].Reason);
        Assert.Equal("is 65 characters long; the limit is 64", ack.Rejected[10].Reason);
        Assert.Equal(batch.Events[9].EventId, ack.Rejected[8].EventId);
        var query = new Query.QueryClient(fixture.For(tenant));
        var s1 = await query.GetSequenceAsync(new EntityRequest { Id = "s1" }, deadline: Deadline());
        Assert.Equal((1, 1), (s1.Total.Sends.OneHour, s1.Total.Replies.OneHour));
        var q1 = await query.GetQueueAsync(new EntityRequest { Id = "q1" }, deadline: Deadline());
        Assert.Equal(1, q1.Depth);
    }

    [Fact]
    public async Task Submit_SameEventsAsStream_CountsTheSame()
    {
        var tenant = ApiFixture.NewTenant("submit");
        await Tenants.Configure(fixture.For(tenant), [("q1", 3600)], [], [("s1", 1)]);
        var ingest = new Ingest.IngestClient(fixture.For(tenant));

        var ack = await ingest.SubmitAsync(
            Events.Batch([Events.Send(fixture.NowMs, "s1", 1, "c1"), Events.Reply(fixture.NowMs, "r", "s1", 1, "q1")]),
            deadline: Deadline());

        Assert.Equal((2, 0), (ack.Accepted, ack.Rejected.Count));
        var q1 = await new Query.QueryClient(fixture.For(tenant))
            .GetQueueAsync(new EntityRequest { Id = "q1" }, deadline: Deadline());
        Assert.Equal(1, q1.Depth);
    }

    [Fact]
    public async Task Submit_BatchSentAgainWithSomeNewEvents_RepeatsAreDuplicatesAndCountOnce()
    {
        var tenant = ApiFixture.NewTenant("again");
        await Tenants.Configure(fixture.For(tenant), [("q1", 3600)], [], [("s1", 1)]);
        var ingest = new Ingest.IngestClient(fixture.For(tenant));
        var ms = fixture.NowMs;
        var first = Events.Batch([
            .. Enumerable.Range(0, 6).Select(i => Events.Send(ms, "s1", 1, $"c{i}")),
            Events.Reply(ms, "r1", "s1", 1, "q1"),
        ]);
        var again = Events.Batch([.. first.Events, Events.Send(ms, "s1", 1, "c9")]);
        again.Events.Add(new Event(first.Events[0]) { EventId = "never-seen", Send = new Send(first.Events[0].Send) });

        var firstAck = await ingest.SubmitAsync(first, deadline: Deadline());
        var againAck = await ingest.SubmitAsync(again, deadline: Deadline());

        Assert.Equal((7, 0, 0), (firstAck.Accepted, firstAck.Duplicates, firstAck.Rejected.Count));
        Assert.Equal((2, 7, 0), (againAck.Accepted, againAck.Duplicates, againAck.Rejected.Count));
        var query = new Query.QueryClient(fixture.For(tenant));
        var s1 = await query.GetSequenceAsync(new EntityRequest { Id = "s1" }, deadline: Deadline());
        Assert.Equal(8, s1.Total.Sends.OneHour);
        Assert.Equal(1, s1.Total.HumanReplies.OneHour);
        var q1 = await query.GetQueueAsync(new EntityRequest { Id = "q1" }, deadline: Deadline());
        Assert.Equal(1, q1.Depth);
        var rollup = await query.GetTenantOverviewAsync(new TenantRequest(), deadline: Deadline());
        Assert.Equal(8, rollup.Sends.OneHour);
    }

    [Fact]
    public async Task Submit_IdsWithWhiteSpaceOrControlCharacters_RejectedWhileOtherNonAsciiIdsPass()
    {
        var tenant = ApiFixture.NewTenant("ids");
        await Tenants.Configure(fixture.For(tenant), [], [], [("s1", 1)]);
        var ms = fixture.NowMs;

        var ack = await new Ingest.IngestClient(fixture.For(tenant)).SubmitAsync(Events.Batch([
            Events.Send(ms, "s1", 1, "ann smith"),
            Events.Send(ms, "s1", 1, "ann\tsmith"),
            Events.Send(ms, "s1", 1, "ann\u00a0smith"),
            Events.Send(ms, "s1", 1, "zoë@example.com"),
        ]), deadline: Deadline());

        Assert.Equal(1, ack.Accepted);
        Assert.Equal([0, 1, 2], ack.Rejected.Select(r => r.Index));
        Assert.All(ack.Rejected, r => Assert.Equal(
            ("send.contact_id", "may not contain '/', white space or control characters"), (r.Field, r.Reason)));
    }

    [Fact]
    public async Task Submit_MoreEventsThanTheLimit_FailsWithInvalidArgumentNamingEvents()
    {
        var tenant = ApiFixture.NewTenant("oversized");
        var ms = fixture.NowMs;
        var batch = Events.Batch(Enumerable.Range(0, 5001).Select(i => Events.Send(ms, "s1", 1, $"c{i}")));

        var error = await Assert.ThrowsAsync<RpcException>(
            () => new Ingest.IngestClient(fixture.For(tenant)).SubmitAsync(batch, deadline: Deadline()).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("events: the batch has 5001 events; the limit is 5000.", error.Status.Detail);
    }

    [Fact]
    public async Task UpsertQueue_ZeroReplyWindow_FailsWithInvalidArgumentNamingTheField()
    {
        var channel = fixture.For(ApiFixture.NewTenant("zero-window"));

        var error = await Assert.ThrowsAsync<RpcException>(() => new Configuration.ConfigurationClient(channel)
            .UpsertQueueAsync(new QueueConfig { QueueId = "q" }, deadline: Deadline()).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("reply_window_seconds must be from 1 to 604800; it is 0.", error.Status.Detail);
    }

    [Fact]
    public async Task UpsertQueue_DisplayNameOverTheLimit_FailsNamingTheField()
    {
        var channel = fixture.For(ApiFixture.NewTenant("long-name"));
        var queue = new QueueConfig { QueueId = "q", ReplyWindowSeconds = 60, DisplayName = new string('n', 201) };

        var error = await Assert.ThrowsAsync<RpcException>(() => new Configuration.ConfigurationClient(channel)
            .UpsertQueueAsync(queue, deadline: Deadline()).ResponseAsync);

        Assert.Equal((StatusCode.InvalidArgument, "display_name is 201 characters long; the limit is 200."),
            (error.StatusCode, error.Status.Detail));
    }

    [Fact]
    public async Task UpsertSequence_MoreStepsThanTheLimit_FailsNamingSteps()
    {
        var channel = fixture.For(ApiFixture.NewTenant("many-steps"));
        var sequence = new SequenceConfig { SequenceId = "s", Channel = Channel.Email };
        sequence.Steps.AddRange(Enumerable.Range(0, 51).Select(_ => new SequenceStep()));

        var error = await Assert.ThrowsAsync<RpcException>(() => new Configuration.ConfigurationClient(channel)
            .UpsertSequenceAsync(sequence, deadline: Deadline()).ResponseAsync);

        Assert.Equal((StatusCode.InvalidArgument, "steps must hold from 1 to 50 steps; it holds 51."),
            (error.StatusCode, error.Status.Detail));
    }

    [Fact]
    public async Task UpsertQueue_SecondTime_IsNotCreated()
    {
        var tenant = ApiFixture.NewTenant("upsert");
        var config = new Configuration.ConfigurationClient(fixture.For(tenant));
        var queue = new QueueConfig { QueueId = "q", ReplyWindowSeconds = 60 };

        var first = await config.UpsertQueueAsync(queue, deadline: Deadline());
        queue.ReplyWindowSeconds = 120;
        var second = await config.UpsertQueueAsync(queue, deadline: Deadline());

        Assert.Equal((true, false), (first.Created, second.Created));
        var view = await new Query.QueryClient(fixture.For(tenant))
            .GetQueueAsync(new EntityRequest { Id = "q" }, deadline: Deadline());
        Assert.Equal(120, view.ReplyWindowSeconds);
    }

    [Fact]
    public async Task GetQueue_UnknownQueue_FailsWithNotFound()
    {
        var tenant = ApiFixture.NewTenant("unknown");

        var error = await Assert.ThrowsAsync<RpcException>(() => new Query.QueryClient(fixture.For(tenant))
            .GetQueueAsync(new EntityRequest { Id = "ghost" }, deadline: Deadline()).ResponseAsync);

        Assert.Equal((StatusCode.NotFound, "id: no queue 'ghost' is configured for this tenant."),
            (error.StatusCode, error.Status.Detail));
    }

    private static async Task<List<BatchAck>> StreamAll(GrpcChannel channel, IReadOnlyList<EventBatch> batches)
    {
        using var call = new Ingest.IngestClient(channel).Stream(deadline: Deadline());
        var acks = new List<BatchAck>();
        foreach (var batch in batches)
        {
            await call.RequestStream.WriteAsync(batch).WaitAsync(Timeout);
        }

        await call.RequestStream.CompleteAsync().WaitAsync(Timeout);
        await foreach (var reply in call.ResponseStream.ReadAllAsync().WithCancellation(CancellationToken.None))
        {
            if (reply.Ack is { } ack)
            {
                acks.Add(ack);
            }
        }

        return acks;
    }

    private static DateTime Deadline() => DateTime.UtcNow + Timeout;
}
