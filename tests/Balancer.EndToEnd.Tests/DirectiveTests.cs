using System.Collections.Concurrent;
using Balancer.Contracts.Api;
using Balancer.Contracts.Live;
using Balancer.Contracts.Model;
using Grpc.Core;
using Microsoft.AspNetCore.SignalR.Client;

namespace Balancer.EndToEnd.Tests;

/// <summary>A directive change, from the controller to a sender's ingest stream and a live view.</summary>
[Collection(ApiCollection.Name)]
public sealed class DirectiveTests(ApiFixture fixture)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task QueueBreaching_IngestStreamHubAndQuery_AllCarryTheBlockedEnrolments()
    {
        var tenant = ApiFixture.NewTenant("directive");
        await Tenants.Configure(fixture.For(tenant), [("premium", 60)], ["ana"], [("welcome", 2)]);
        var pushed = new BlockingCollection<SequenceDirective>();
        await using var hub = LiveHubs.Connect(fixture.WebUrl, await fixture.Keys.KeyOf(tenant));
        hub.On<SequenceDirective>(LiveHubContract.Directive, d => pushed.Add(d));
        await hub.StartAsync().WaitAsync(Timeout);
        await hub.InvokeAsync<LiveSnapshot>(LiveHubContract.Join).WaitAsync(Timeout);
        using var call = new Ingest.IngestClient(fixture.For(tenant)).Stream(deadline: DateTime.UtcNow + Timeout);
        var replies = new BlockingCollection<IngestReply>();
        var reading = Task.Run(async () =>
        {
            await foreach (var reply in call.ResponseStream.ReadAllAsync())
            {
                replies.Add(reply);
            }
        });

        // Ten conversations, nine answered in time, one left to breach: 10%, the warn threshold.
        var opened = fixture.NowMs;
        await call.RequestStream.WriteAsync(Events.Batch([
            .. Enumerable.Range(0, 10).Select(i => Events.Reply(opened, $"c{i}", "welcome", 1, "premium")),
            .. Enumerable.Range(0, 9).Select(i => Events.Response(opened, $"c{i}", "premium", "ana")),
        ])).WaitAsync(Timeout);
        Assert.Equal(19, Waits.Next(replies, r => r.Ack is not null, Timeout).Ack.Accepted);
        fixture.Time.Advance(TimeSpan.FromSeconds(61));
        var decidedAtMs = fixture.NowMs;

        var streamed = Waits.Next(replies, r => r.Directive is not null, Timeout).Directive;
        var expected = new Directive
        {
            SequenceId = "welcome", Grade = Grade.BlockEnrolments, PreviousGrade = Grade.Normal, StretchFactor = 1,
            Reason = "breach level warn; among those making the most human work (10.0 an hour)",
            DecidedAtMs = decidedAtMs,
        };
        Assert.Equal(expected, streamed);
        var viewed = Waits.Next(pushed, _ => true, Timeout);
        Assert.Equal(
            (tenant, "welcome", DirectiveGrade.BlockEnrolments, expected.Reason, decidedAtMs),
            (viewed.TenantId, viewed.SequenceId, viewed.Grade, viewed.Reason,
                viewed.DecidedAt.ToUnixTimeMilliseconds()));
        var query = await new Rebalancing.RebalancingClient(fixture.For(tenant))
            .GetDirectivesAsync(new TenantRequest(), deadline: DateTime.UtcNow + Timeout);
        Assert.Equal([expected], query.Current);
        Assert.Equal([expected], query.History);

        // A sender that connects later hears the standing directive after its first accepted batch.
        using var late = new Ingest.IngestClient(fixture.For(tenant)).Stream(deadline: DateTime.UtcNow + Timeout);
        await late.RequestStream.WriteAsync(
            Events.Batch([Events.Send(fixture.NowMs, "welcome", 2, "k1")])).WaitAsync(Timeout);
        await late.RequestStream.CompleteAsync().WaitAsync(Timeout);
        var lateReplies = await late.ResponseStream.ReadAllAsync().ToListAsync().AsTask().WaitAsync(Timeout);
        Assert.Equal(
            [new IngestReply { Ack = new BatchAck { BatchId = lateReplies[0].Ack.BatchId, Accepted = 1 } },
                new IngestReply { Directive = expected }],
            lateReplies);

        await call.RequestStream.CompleteAsync().WaitAsync(Timeout);
        await reading.WaitAsync(Timeout);
    }
}
