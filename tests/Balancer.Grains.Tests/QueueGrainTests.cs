using Balancer.Contracts.Grains;
using Balancer.Contracts.Model;

namespace Balancer.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class QueueGrainTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Open_UnansweredPastReplyWindow_BreachesQueueTenantAndAttributedSequenceStep()
    {
        var tenantId = Ids.Tenant("breach");
        var tenant = fixture.Client.GetGrain<ITenantGrain>(tenantId);
        await tenant.UpsertSequence("welcome", Events.Sequence(steps: 3)).WaitAsync(Limits.Call);
        await tenant.UpsertQueue("support", Events.Queue(60)).WaitAsync(Limits.Call);
        var queue = fixture.Client.GetGrain<IQueueGrain>(GrainKeys.Of(tenantId, "support"));
        var sequence = fixture.Client.GetGrain<ISequenceGrain>(GrainKeys.Of(tenantId, "welcome"));

        var applied = await queue
            .Apply(Events.Slice(Events.Open(0, "c1", fixture.Now, "welcome", step: 2)))
            .WaitAsync(Limits.Call);
        Assert.Empty(applied.Rejected);

        fixture.Clock.Advance(TimeSpan.FromSeconds(59));
        await Consistently.Equal(0L, async () => (await queue.GetFigures()).Breached.OneHour, Limits.Quiet);
        var before = await queue.GetFigures().WaitAsync(Limits.Call);
        Assert.Equal(1, before.Depth);
        Assert.Equal(1.0, before.NextBreachInSeconds);
        Assert.Equal(59.0, before.OldestWaitSeconds);

        fixture.Clock.Advance(TimeSpan.FromSeconds(1) + TimeSpan.FromMilliseconds(1));
        await Eventually.Equal(1L, async () => (await queue.GetFigures()).Breached.OneHour, Limits.Timer);
        var after = await queue.GetFigures().WaitAsync(Limits.Call);
        Assert.Equal(1, after.Depth);
        Assert.Equal(1, after.Open);
        Assert.Equal(new Counts(1, 1, 1), after.Breached);
        Assert.Equal(Counts.Zero, after.Met);
        Assert.Null(after.NextBreachInSeconds);

        await Eventually.Equal(1L, async () => (await tenant.GetFigures()).Breached.OneHour, Limits.Timer);
        await Eventually.Equal(
            1L, async () => (await sequence.GetFigures()).Total.Breaches.OneHour, Limits.Timer);
        var figures = await sequence.GetFigures().WaitAsync(Limits.Call);
        var step = Assert.Single(figures.Steps);
        Assert.Equal(2, step.Step);
        Assert.Equal(new Counts(1, 1, 1), step.Breaches);

        // Counted once: further scans find nothing more to breach.
        fixture.Clock.Advance(TimeSpan.FromSeconds(30));
        await Consistently.Equal(1L, async () => (await queue.GetFigures()).Breached.OneHour, Limits.Quiet);
        Assert.Equal(1L, (await tenant.GetFigures().WaitAsync(Limits.Call)).Breached.OneHour);
    }

    [Fact]
    public async Task Respond_InsideReplyWindow_CountsMetAndExactFirstResponseTime()
    {
        var tenantId = Ids.Tenant("in-time");
        var tenant = fixture.Client.GetGrain<ITenantGrain>(tenantId);
        await tenant.UpsertQueue("support", Events.Queue(60)).WaitAsync(Limits.Call);
        var queue = fixture.Client.GetGrain<IQueueGrain>(GrainKeys.Of(tenantId, "support"));

        await queue.Apply(Events.Slice(Events.Open(0, "c1", fixture.Now))).WaitAsync(Limits.Call);
        fixture.Clock.Advance(TimeSpan.FromSeconds(20));
        var applied = await queue
            .Apply(Events.Slice(Events.Respond(0, "c1", fixture.Now, "ann")))
            .WaitAsync(Limits.Call);

        Assert.Empty(applied.Rejected);
        var figures = await queue.GetFigures().WaitAsync(Limits.Call);
        Assert.Equal(new Counts(1, 1, 1), figures.Met);
        Assert.Equal(Counts.Zero, figures.Breached);
        Assert.Equal(new Counts(1, 1, 1), figures.FirstResponses);
        Assert.Equal(new Rates(20.0, 20.0, 20.0), figures.FirstResponseP50Seconds);
        Assert.Equal(new Rates(20.0, 20.0, 20.0), figures.FirstResponseP90Seconds);
        Assert.Equal(Rates.None, figures.BreachRate); // one decided conversation is below the minimum sample of 4
        Assert.Equal(0, figures.Depth);
        Assert.Equal(1, figures.Open);
        Assert.Equal(60, figures.ReplyWindowSeconds);

        await Eventually.Equal(1L, async () => (await tenant.GetFigures()).Met.OneHour, Limits.Timer);

        // Answered in time, it never breaches, even once its deadline has passed.
        fixture.Clock.Advance(TimeSpan.FromSeconds(45));
        await Consistently.Equal(0L, async () => (await queue.GetFigures()).Breached.OneHour, Limits.Quiet);
        Assert.Equal(0L, (await tenant.GetFigures().WaitAsync(Limits.Call)).Breached.OneHour);
    }

    [Fact]
    public async Task Respond_UnknownConversation_IsRejectedWithFieldAndIndex()
    {
        var tenantId = Ids.Tenant("unknown");
        var tenant = fixture.Client.GetGrain<ITenantGrain>(tenantId);
        await tenant.UpsertQueue("support", Events.Queue(60)).WaitAsync(Limits.Call);
        var queue = fixture.Client.GetGrain<IQueueGrain>(GrainKeys.Of(tenantId, "support"));
        var now = fixture.Now;

        var applied = await queue
            .Apply(Events.Slice(
                Events.Open(2, "c1", now),
                Events.Respond(5, "c1", now, "ann"),
                Events.Respond(7, "ghost", now, "ann"),
                Events.Resolve(9, "phantom", now)))
            .WaitAsync(Limits.Call);

        Assert.Equal(
            [
                new SliceRejection(
                    7, "agent_response.conversation_id", "no open conversation has this id in this queue"),
                new SliceRejection(
                    9, "conversation_resolved.conversation_id", "no open conversation has this id in this queue"),
            ],
            applied.Rejected);
        var figures = await queue.GetFigures().WaitAsync(Limits.Call);
        Assert.Equal(new Counts(1, 1, 1), figures.FirstResponses);
        Assert.Equal(new Counts(1, 1, 1), figures.Met);
    }
}
