using Balancer.Contracts.Api;
using Grpc.Core;

namespace Balancer.Access.Tests;

/// <summary>
/// A tenant's events a second: with a bucket of 1,000 events and no refill while the test runs, the batches
/// within it pass, the next is refused whole, and the rest of the bucket is still there for the tenant.
/// </summary>
[Collection(LimitsCollection.Name)]
public sealed class EventLimitTests(LimitsFixture fixture)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Submit_PastTheTenantsBucket_RefusedWithTheWaitAndNothingOfItTaken()
    {
        var tenant = AccessHost.NewTenant("submit-limit");
        var channel = fixture.Host.For(tenant);
        await TenantSetup.QueueAndSequence(channel);
        var ingest = new Ingest.IngestClient(channel);
        var ms = fixture.Host.NowMs;

        var first = await ingest.SubmitAsync(TenantSetup.Sends(ms, 400), deadline: TenantSetup.Deadline());
        var second = await ingest.SubmitAsync(TenantSetup.Sends(ms, 400), deadline: TenantSetup.Deadline());
        var refused = TenantSetup.Sends(ms, 400);
        var ex = await Assert.ThrowsAsync<RpcException>(
            () => ingest.SubmitAsync(refused, deadline: TenantSetup.Deadline()).ResponseAsync);

        Assert.Equal((400, 400), (first.Accepted, second.Accepted));
        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);

        // 200 events short, at one a period of 1,000 s.
        Assert.Equal("200000000", ex.Trailers.GetValue("grpc-retry-pushback-ms"));
        Assert.Equal(
            $"Too many events: tenant '{tenant}' may send 0.001 events a second to this api host, 1000 at once; " +
            "this batch of 400 was not taken; retry after 200000000 ms.",
            ex.Status.Detail);

        await RestTakesHalfOf(refused, tenant);
    }

    [Fact]
    public async Task Stream_BatchPastTheTenantsBucket_EndsTheStreamAfterTheEarlierAcks()
    {
        var tenant = AccessHost.NewTenant("stream-limit");
        var channel = fixture.Host.For(tenant);
        await TenantSetup.QueueAndSequence(channel);
        var ingest = new Ingest.IngestClient(channel);
        var ms = fixture.Host.NowMs;
        var refused = TenantSetup.Sends(ms, 400);
        var acks = new List<BatchAck>();

        using var call = ingest.Stream(deadline: TenantSetup.Deadline());
        foreach (var batch in new[] { TenantSetup.Sends(ms, 400), TenantSetup.Sends(ms, 400) })
        {
            await call.RequestStream.WriteAsync(batch);
            acks.Add(await NextAck(call.ResponseStream));
        }

        await call.RequestStream.WriteAsync(refused);
        var ex = await Assert.ThrowsAsync<RpcException>(() => NextAck(call.ResponseStream));

        Assert.Equal([400, 400], acks.Select(a => a.Accepted));
        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
        Assert.Equal("200000000", ex.Trailers.GetValue("grpc-retry-pushback-ms"));
        Assert.EndsWith("this batch of 400 was not taken; retry after 200000000 ms.", ex.Status.Detail);
        await RestTakesHalfOf(refused, tenant);
    }

    [Fact]
    public async Task Submit_EmptyBucket_RefusesEvenOneEventWhileOtherTenantsSend()
    {
        var (tenant, other) = (AccessHost.NewTenant("empty-bucket"), AccessHost.NewTenant("full-bucket"));
        var (channel, otherChannel) = (fixture.Host.For(tenant), fixture.Host.For(other));
        await TenantSetup.QueueAndSequence(channel);
        await TenantSetup.QueueAndSequence(otherChannel);
        var ingest = new Ingest.IngestClient(channel);
        var ms = fixture.Host.NowMs;
        await ingest.SubmitAsync(TenantSetup.Sends(ms, 500), deadline: TenantSetup.Deadline());
        await ingest.SubmitAsync(TenantSetup.Sends(ms, 500), deadline: TenantSetup.Deadline());

        var ex = await Assert.ThrowsAsync<RpcException>(
            () => ingest.SubmitAsync(TenantSetup.Sends(ms, 1), deadline: TenantSetup.Deadline()).ResponseAsync);
        var empty = await ingest.SubmitAsync(TenantSetup.Batch([]), deadline: TenantSetup.Deadline());
        var others = await new Ingest.IngestClient(otherChannel)
            .SubmitAsync(TenantSetup.Sends(ms, 500), deadline: TenantSetup.Deadline());

        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
        Assert.Equal("1000000", ex.Trailers.GetValue("grpc-retry-pushback-ms"));
        Assert.Equal(0, empty.Accepted);
        Assert.Equal(500, others.Accepted);
        Assert.Equal((1000, 500), (await TenantSetup.SendsOf(channel), await TenantSetup.SendsOf(otherChannel)));
    }

    [Fact]
    public async Task Submit_BatchOverTheBatchLimit_FailsNamingTheFieldAndTakesNothingFromTheBucket()
    {
        var tenant = AccessHost.NewTenant("batch-limit");
        var channel = fixture.Host.For(tenant);
        await TenantSetup.QueueAndSequence(channel);
        var ingest = new Ingest.IngestClient(channel);
        var ms = fixture.Host.NowMs;

        var tooMany = TenantSetup.Sends(ms, LimitsFixture.MaxEventsPerBatch + 1);
        var ex = await Assert.ThrowsAsync<RpcException>(
            () => ingest.SubmitAsync(tooMany, deadline: TenantSetup.Deadline()).ResponseAsync);
        var full = await ingest.SubmitAsync(TenantSetup.Sends(ms, 500), deadline: TenantSetup.Deadline());
        var fuller = await ingest.SubmitAsync(TenantSetup.Sends(ms, 500), deadline: TenantSetup.Deadline());

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Equal("events: the batch has 501 events; the limit is 500.", ex.Status.Detail);
        Assert.Equal((500, 500), (full.Accepted, fuller.Accepted));
        Assert.Equal(1000, await TenantSetup.SendsOf(channel));
    }

    /// <summary>
    /// After 800 of the bucket's 1,000 were taken and a batch of 400 refused: what is left takes half of the refused
    /// batch's own events, since none was claimed at the gate, and the tenant's figures and journal hold the 1,000.
    /// </summary>
    private async Task RestTakesHalfOf(EventBatch refused, string tenant)
    {
        var channel = fixture.Host.For(tenant);
        var rest = await new Ingest.IngestClient(channel).SubmitAsync(
            TenantSetup.Batch(refused.Events.Take(200)), deadline: TenantSetup.Deadline());
        Assert.Equal((200, 0), (rest.Accepted, rest.Duplicates));
        Assert.Equal(1000, await TenantSetup.SendsOf(channel));
        Assert.Equal(1000L, await fixture.Journal.EventsOf(tenant));
    }

    private static async Task<BatchAck> NextAck(IAsyncStreamReader<IngestReply> replies)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        while (await replies.MoveNext(timeout.Token))
        {
            if (replies.Current.KindCase == IngestReply.KindOneofCase.Ack)
            {
                return replies.Current.Ack;
            }
        }

        throw new InvalidOperationException("The stream ended without an acknowledgement.");
    }
}
