using Balancer.Contracts.Grains;
using Balancer.Contracts.Model;

namespace Balancer.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class AgentWorkTests(ClusterFixture fixture)
{
    [Fact]
    public async Task QueueResponse_FirstThenResolved_HoldsThenFreesTheAgentsSlot()
    {
        var tenantId = Ids.Tenant("agent");
        var tenant = fixture.Client.GetGrain<ITenantGrain>(tenantId);
        await tenant.UpsertQueue("support", Events.Queue(60)).WaitAsync(Limits.Call);
        Assert.True(await tenant.UpsertAgent("ann", new AgentSettings(AgentTier.Senior, 3, 40, "Ann"))
            .WaitAsync(Limits.Call));
        var queue = fixture.Client.GetGrain<IQueueGrain>(GrainKeys.Of(tenantId, "support"));
        var ann = fixture.Client.GetGrain<IAgentGrain>(GrainKeys.Of(tenantId, "ann"));

        var opened = await queue.Apply(Events.Slice(Events.Open(0, "c1", fixture.Now))).WaitAsync(Limits.Call);
        Assert.Empty(opened.AgentWork);
        fixture.Clock.Advance(TimeSpan.FromSeconds(10));
        var answeredAt = fixture.Now;
        var answered = await Deliver(tenantId, queue.Apply(Events.Slice(Events.Respond(0, "c1", answeredAt, "ann"))));

        Assert.Equal(
            [new AgentWork("ann", new AgentEvent(AgentEventKind.Response, answeredAt, default, "c1", true, false))],
            answered.AgentWork);
        var holding = await ann.GetFigures().WaitAsync(Limits.Call);
        Assert.Equal(3, holding.Slots);
        Assert.Equal(40, holding.DailyCeiling);
        Assert.Equal(AgentTier.Senior, holding.Tier);
        Assert.Equal(1, holding.SlotsInUse);
        Assert.Equal(1, holding.RepliesToday);
        Assert.Equal(new Counts(1, 1, 1), holding.FirstResponses);
        Assert.Equal(Counts.Zero, holding.Closures);
        Assert.Equal(0.0, holding.EscalatedShare);

        // A further reply is a reply today but neither a first response nor another slot.
        await Deliver(tenantId, queue.Apply(Events.Slice(Events.Respond(0, "c1", fixture.Now, "ann"))));
        var again = await ann.GetFigures().WaitAsync(Limits.Call);
        Assert.Equal(1, again.SlotsInUse);
        Assert.Equal(2, again.RepliesToday);
        Assert.Equal(new Counts(1, 1, 1), again.FirstResponses);

        fixture.Clock.Advance(TimeSpan.FromSeconds(5));
        var resolvedAt = fixture.Now;
        var resolved = await Deliver(tenantId, queue.Apply(Events.Slice(Events.Resolve(0, "c1", resolvedAt))));

        Assert.Equal(
            [new AgentWork("ann", new AgentEvent(AgentEventKind.Closure, resolvedAt, default, "c1", false, false))],
            resolved.AgentWork);
        var freed = await ann.GetFigures().WaitAsync(Limits.Call);
        Assert.Equal(0, freed.SlotsInUse);
        Assert.Equal(new Counts(1, 1, 1), freed.Closures);
        Assert.Equal(2, freed.RepliesToday);
        var figures = await queue.GetFigures().WaitAsync(Limits.Call);
        Assert.Equal(0, figures.Open);
    }

    [Fact]
    public async Task QueueResponse_EscalatedConversation_GivesAgentEscalatedShareOne()
    {
        var tenantId = Ids.Tenant("escalated");
        var tenant = fixture.Client.GetGrain<ITenantGrain>(tenantId);
        await tenant.UpsertQueue("support", Events.Queue(60)).WaitAsync(Limits.Call);
        await tenant.UpsertAgent("bo", new AgentSettings(AgentTier.Standard, 2, 30, "Bo")).WaitAsync(Limits.Call);
        var queue = fixture.Client.GetGrain<IQueueGrain>(GrainKeys.Of(tenantId, "support"));
        var bo = fixture.Client.GetGrain<IAgentGrain>(GrainKeys.Of(tenantId, "bo"));

        await queue.Apply(Events.Slice(Events.Open(0, "c2", fixture.Now, escalated: true))).WaitAsync(Limits.Call);
        fixture.Clock.Advance(TimeSpan.FromSeconds(3));
        var answered = await Deliver(tenantId, queue.Apply(Events.Slice(Events.Respond(0, "c2", fixture.Now, "bo"))));

        Assert.True(answered.AgentWork.Single().Event.Escalated);

        var figures = await bo.GetFigures().WaitAsync(Limits.Call);
        Assert.Equal(1.0, figures.EscalatedShare);
        Assert.Equal(1, figures.SlotsInUse);
        Assert.Equal(1, figures.RepliesToday);
        Assert.Equal(new Counts(1, 1, 1), figures.FirstResponses);
    }

    /// <summary>Hands the agents the work a queue slice gave them, one call per agent, as the api does.</summary>
    private async Task<QueueApplied> Deliver(string tenantId, Task<QueueApplied> apply)
    {
        var applied = await apply.WaitAsync(Limits.Call);
        foreach (var agent in applied.AgentWork.GroupBy(w => w.AgentId))
        {
            await fixture.Client.GetGrain<IAgentGrain>(GrainKeys.Of(tenantId, agent.Key))
                .Apply(new AgentSlice([.. agent.Select(w => w.Event)])).WaitAsync(Limits.Call);
        }

        return applied;
    }
}
