using Balancer.Contracts.Api;
using Grpc.Core;
using Channel = Balancer.Contracts.Api.Channel;

namespace Balancer.Access.Tests;

/// <summary>
/// The api's limits on lengths and times (<c>Balancer:Api</c>), over the real client: each failure names its field,
/// as a failed call where the whole request is wrong, as a rejection in the ack where one event is.
/// </summary>
[Collection(LimitsCollection.Name)]
public sealed class FieldLimitTests(LimitsFixture fixture)
{
    [Fact]
    public async Task Submit_BatchIdOverTheEventIdLength_FailsNamingBatchId()
    {
        var (ingest, _) = await Tenant("batch-id");
        var batch = TenantSetup.Sends(fixture.Host.NowMs, 1);
        batch.BatchId = new string('b', 129);

        var ex = await Assert.ThrowsAsync<RpcException>(
            () => ingest.SubmitAsync(batch, deadline: TenantSetup.Deadline()).ResponseAsync);

        Assert.Equal(
            (StatusCode.InvalidArgument, "batch_id is 129 characters long; the limit is 128."),
            (ex.StatusCode, ex.Status.Detail));
    }

    [Fact]
    public async Task Submit_EventIdOverItsLength_RejectsTheEventNamingEventId()
    {
        var (ingest, _) = await Tenant("event-id");
        var batch = TenantSetup.Sends(fixture.Host.NowMs, 2);
        batch.Events[1].EventId = new string('e', 129);

        var ack = await ingest.SubmitAsync(batch, deadline: TenantSetup.Deadline());

        Assert.Equal(1, ack.Accepted);
        Assert.Equal(
            [(1, "event_id", "is 129 characters long; the limit is 128")],
            ack.Rejected.Select(r => (r.Index, r.Field, r.Reason)));
    }

    [Fact]
    public async Task Submit_IdOverItsLength_RejectsTheEventNamingTheField()
    {
        var (ingest, _) = await Tenant("contact-id");
        var ms = fixture.Host.NowMs;

        var ack = await ingest.SubmitAsync(
            TenantSetup.Batch([TenantSetup.Send(ms, "s1", 1, new string('c', 65))]), deadline: TenantSetup.Deadline());

        Assert.Equal(
            [(0, "send.contact_id", "is 65 characters long; the limit is 64")],
            ack.Rejected.Select(r => (r.Index, r.Field, r.Reason)));
    }

    [Fact]
    public async Task Submit_TranscriptOverItsLength_RejectsTheEventNamingTheField()
    {
        var (ingest, _) = await Tenant("transcript");
        var reply = TenantSetup.Reply(fixture.Host.NowMs, "r1", "s1", 1, "q1");
        reply.Reply.BotTranscript = new string('t', 4001);

        var ack = await ingest.SubmitAsync(TenantSetup.Batch([reply]), deadline: TenantSetup.Deadline());

        Assert.Equal(
            [(0, "reply.bot_transcript", "is 4001 characters long; the limit is 4000")],
            ack.Rejected.Select(r => (r.Index, r.Field, r.Reason)));
    }

    [Fact]
    public async Task Submit_EventsTooOldOrTooFarAhead_RejectedNamingOccurredAt()
    {
        var (ingest, _) = await Tenant("event-time");
        var now = fixture.Host.NowMs;
        var old = TenantSetup.Send(now - (long)TimeSpan.FromHours(25).TotalMilliseconds, "s1", 1, "c1");
        var ahead = TenantSetup.Send(now + (long)TimeSpan.FromMinutes(6).TotalMilliseconds, "s1", 1, "c2");

        var ack = await ingest.SubmitAsync(TenantSetup.Batch([old, ahead]), deadline: TenantSetup.Deadline());

        Assert.Equal(
            [
                (0, "occurred_at_ms", "is 25.0 hours old; events older than 1.00:00:00 are rejected"),
                (1, "occurred_at_ms", "is ahead of the server's clock by more than the allowed 00:05:00"),
            ],
            ack.Rejected.Select(r => (r.Index, r.Field, r.Reason)));
    }

    [Fact]
    public async Task UpsertQueue_IdOverItsLength_FailsNamingQueueId()
    {
        var (_, config) = await Tenant("queue-id");

        var ex = await Assert.ThrowsAsync<RpcException>(() => config.UpsertQueueAsync(
            new QueueConfig { QueueId = new string('q', 65), ReplyWindowSeconds = 60 },
            deadline: TenantSetup.Deadline()).ResponseAsync);

        Assert.Equal(
            (StatusCode.InvalidArgument, "queue_id is 65 characters long; the limit is 64."),
            (ex.StatusCode, ex.Status.Detail));
    }

    [Fact]
    public async Task UpsertQueue_DisplayNameOverTheTextLength_FailsNamingDisplayName()
    {
        var (_, config) = await Tenant("display-name");

        var ex = await Assert.ThrowsAsync<RpcException>(() => config.UpsertQueueAsync(
            new QueueConfig { QueueId = "q2", ReplyWindowSeconds = 60, DisplayName = new string('d', 201) },
            deadline: TenantSetup.Deadline()).ResponseAsync);

        Assert.Equal(
            (StatusCode.InvalidArgument, "display_name is 201 characters long; the limit is 200."),
            (ex.StatusCode, ex.Status.Detail));
    }

    [Fact]
    public async Task UpsertSequence_StepsOverTheirLimit_FailsNamingSteps()
    {
        var (_, config) = await Tenant("steps");
        var sequence = new SequenceConfig { SequenceId = "long", Channel = Channel.Email };
        sequence.Steps.AddRange(Enumerable.Range(0, 51).Select(_ => new SequenceStep { DelaySeconds = 60 }));

        var ex = await Assert.ThrowsAsync<RpcException>(
            () => config.UpsertSequenceAsync(sequence, deadline: TenantSetup.Deadline()).ResponseAsync);

        Assert.Equal(
            (StatusCode.InvalidArgument, "steps must hold from 1 to 50 steps; it holds 51."),
            (ex.StatusCode, ex.Status.Detail));
    }

    private async Task<(Ingest.IngestClient Ingest, Configuration.ConfigurationClient Config)> Tenant(string name)
    {
        var channel = fixture.Host.For(AccessHost.NewTenant(name));
        await TenantSetup.QueueAndSequence(channel);
        return (new Ingest.IngestClient(channel), new Configuration.ConfigurationClient(channel));
    }
}
