using Balancer.Contracts.Grains;
using Balancer.Contracts.Model;
using static Balancer.Grains.Tests.DispatchEvents;

namespace Balancer.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class DispatchAssignmentTests(ClusterFixture fixture)
{
    private const string NotYours = "the offer is no longer the agent's: it timed out, was declined, " +
        "went to another agent or was answered";

    [Fact]
    public async Task Dispatch_OffersOldestFirstToTheMostSpareCapacityThenTheLongestIdleAndNeverOffline()
    {
        var tenantId = Ids.Tenant("fair");
        var dispatch = await Routed(
            fixture.Client, tenantId, [Agent("ann", 2), Agent("bo", 2), Agent("cy", 1), Agent("dee", 5)]);
        using var listener = await OfferListener.Start(fixture.Client, tenantId, "ann", "bo", "cy", "dee");
        var t = fixture.Now;
        await dispatch.Apply(Slice(
            Presence(0, "cy", true, t - TimeSpan.FromMinutes(20)),
            Presence(1, "ann", true, t - TimeSpan.FromMinutes(10)),
            Presence(2, "bo", true, t - TimeSpan.FromMinutes(1)),
            Presence(3, "dee", true, t - TimeSpan.FromMinutes(30)),
            Presence(4, "dee", false, t - TimeSpan.FromMinutes(2)))).WaitAsync(Limits.Call);

        await dispatch.Apply(Slice(
            Open(0, "c4", "overflow", t - TimeSpan.FromSeconds(1)),
            Open(1, "c3", "overflow", t - TimeSpan.FromSeconds(2)),
            Open(2, "c2", "overflow", t - TimeSpan.FromSeconds(3)),
            Open(3, "c1", "overflow", t - TimeSpan.FromSeconds(4)))).WaitAsync(Limits.Call);

        // c1: ann and bo have 2 free, ann idle longer. c2: bo has 2. c3: all have 1, cy the most room under
        // the ceiling. c4: ann and bo tie on both, just offered both, and ann comes first by id.
        await Eventually.Equal(
            [("c1", "ann", 1), ("c2", "bo", 1), ("c3", "cy", 1), ("c4", "ann", 1)],
            () => Task.FromResult(listener.Recorder.Made(tenantId)),
            Limits.Timer);
        var loads = (await dispatch.GetRouting().WaitAsync(Limits.Call)).Board.Agents;
        Assert.Equal(
            [
                new AgentLoadFigures("ann", AgentTier.Standard, true, 2, 0, 0, 28, null),
                new AgentLoadFigures("bo", AgentTier.Standard, true, 1, 1, 0, 29, null),
                new AgentLoadFigures("cy", AgentTier.Standard, true, 1, 0, 0, 29, null),
                new AgentLoadFigures("dee", AgentTier.Standard, false, 0, 5, 0, 30, null),
            ],
            loads);
    }

    [Fact]
    public async Task Dispatch_UnacknowledgedAtTheTimeoutThenUnansweredPastReassignAfter_GoesToAnotherAgent()
    {
        var tenantId = Ids.Tenant("reassign");
        var dispatch = await Routed(fixture.Client, tenantId, [Agent("ann", 1), Agent("bo", 1)]);
        using var listener = await OfferListener.Start(fixture.Client, tenantId, "ann", "bo");
        var t = fixture.Now;
        await dispatch.Apply(Slice(
            Presence(0, "ann", true, t - TimeSpan.FromMinutes(10)),
            Presence(1, "bo", true, t - TimeSpan.FromMinutes(1)),
            Open(2, "c1", "overflow", t))).WaitAsync(Limits.Call);
        await Eventually.Equal(
            [("c1", "ann", 1)], () => Task.FromResult(listener.Recorder.Made(tenantId)), Limits.Timer);

        fixture.Clock.Advance(TimeSpan.FromSeconds(30));
        await Eventually.Equal(
            [("c1", "ann", 1), ("c1", "bo", 2)],
            () => Task.FromResult(listener.Recorder.Made(tenantId)),
            Limits.Timer);
        var late = await dispatch.Acknowledge("ann", "c1").WaitAsync(Limits.Call);
        var taken = await dispatch.Acknowledge("bo", "c1").WaitAsync(Limits.Call);
        var reconnected = await dispatch.Listen("bo", listener.Reference).WaitAsync(Limits.Call);

        Assert.Equal(new OfferReceipt("c1", false, NotYours), late);
        Assert.Equal(new OfferReceipt("c1", true, ""), taken);
        Assert.Equal([listener.Recorder.To(tenantId, "bo").Single()], reconnected);
        Assert.Equal(t + TimeSpan.FromHours(1), reconnected[0].Deadline);

        // Acknowledged at 30 s but never answered: ten minutes after its offer it moves again.
        fixture.Clock.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromSeconds(1));
        await Consistently.Equal(2, () => Task.FromResult(listener.Recorder.Made(tenantId).Count), Limits.Quiet);
        fixture.Clock.Advance(TimeSpan.FromSeconds(1));
        await Eventually.Equal(
            [("c1", "ann", 1), ("c1", "bo", 2), ("c1", "ann", 3)],
            () => Task.FromResult(listener.Recorder.Made(tenantId)),
            Limits.Timer);
    }

    [Fact]
    public async Task Presence_AgentGoesOffline_ReturnsTheUnansweredWithTheirOriginalAge()
    {
        var tenantId = Ids.Tenant("offline");
        var dispatch = await Routed(fixture.Client, tenantId, [Agent("ann", 2), Agent("bo", 2)]);
        using var listener = await OfferListener.Start(fixture.Client, tenantId, "ann", "bo");
        var t = fixture.Now;
        await dispatch.Apply(Slice(
            Presence(0, "ann", true, t - TimeSpan.FromMinutes(10)),
            Open(1, "c1", "overflow", t - TimeSpan.FromMinutes(5)),
            Open(2, "c2", "overflow", t - TimeSpan.FromMinutes(4)))).WaitAsync(Limits.Call);
        await Eventually.Equal(
            [("c1", "ann", 1), ("c2", "ann", 1)],
            () => Task.FromResult(listener.Recorder.Made(tenantId)),
            Limits.Timer);
        await dispatch.Apply(Slice(Respond(0, "c1", "ann", t))).WaitAsync(Limits.Call);
        fixture.Clock.Advance(TimeSpan.FromMinutes(2));

        await dispatch.Apply(Slice(Presence(0, "ann", false, fixture.Now))).WaitAsync(Limits.Call);

        var report = await dispatch.GetRouting().WaitAsync(Limits.Call);
        Assert.Equal((1, 360.0), (report.Board.Waiting, report.Board.OldestWaitSeconds));
        Assert.Equal((false, 1), (report.Board.Agents[0].Online, report.Board.Agents[0].Assigned));
        await dispatch.Apply(Slice(Presence(0, "bo", true, fixture.Now))).WaitAsync(Limits.Call);
        await Eventually.Equal(
            [("c1", "ann", 1), ("c2", "ann", 1), ("c2", "bo", 2)],
            () => Task.FromResult(listener.Recorder.Made(tenantId)),
            Limits.Timer);
    }

    [Fact]
    public async Task Decline_GoesToAnotherAgentWithoutWaitingForTheTimeout()
    {
        var tenantId = Ids.Tenant("decline");
        var dispatch = await Routed(fixture.Client, tenantId, [Agent("ann", 1), Agent("bo", 1)]);
        using var listener = await OfferListener.Start(fixture.Client, tenantId, "ann", "bo");
        var t = fixture.Now;
        await dispatch.Apply(Slice(
            Presence(0, "ann", true, t - TimeSpan.FromMinutes(10)),
            Presence(1, "bo", true, t - TimeSpan.FromMinutes(1)),
            Open(2, "c1", "overflow", t))).WaitAsync(Limits.Call);
        await Eventually.Equal(
            [("c1", "ann", 1)], () => Task.FromResult(listener.Recorder.Made(tenantId)), Limits.Timer);

        var declined = await dispatch.Decline("ann", "c1").WaitAsync(Limits.Call);
        var again = await dispatch.Decline("ann", "c1").WaitAsync(Limits.Call);

        Assert.Equal(new OfferReceipt("c1", true, ""), declined);
        Assert.Equal(new OfferReceipt("c1", false, NotYours), again);
        await Eventually.Equal(
            [("c1", "ann", 1), ("c1", "bo", 2)],
            () => Task.FromResult(listener.Recorder.Made(tenantId)),
            Limits.Timer);
    }

    [Fact]
    public async Task Resolve_FreesTheSlotAndCountsTheDayWithItsEscalatedShare()
    {
        var tenantId = Ids.Tenant("resolve");
        var dispatch = await Routed(fixture.Client, tenantId, [Agent("ann", 1, ceiling: 2)]);
        using var listener = await OfferListener.Start(fixture.Client, tenantId, "ann");
        var t = fixture.Now;
        await dispatch.Apply(Slice(
            Presence(0, "ann", true, t - TimeSpan.FromMinutes(10)),
            Open(1, "e1", "overflow", t - TimeSpan.FromMinutes(2), touches: 2),
            Open(2, "h1", "overflow", t - TimeSpan.FromMinutes(1)))).WaitAsync(Limits.Call);
        await Eventually.Equal(
            [("e1", "ann", 1)], () => Task.FromResult(listener.Recorder.Made(tenantId)), Limits.Timer);

        await dispatch.Apply(Slice(Respond(0, "e1", "ann", t), Resolve(1, "e1", t))).WaitAsync(Limits.Call);

        await Eventually.Equal(
            [("e1", "ann", 1), ("h1", "ann", 1)],
            () => Task.FromResult(listener.Recorder.Made(tenantId)),
            Limits.Timer);
        Assert.Equal(2, listener.Recorder.To(tenantId, "ann")[0].Handoff.AutomatedTouches);
        var ann = (await dispatch.GetRouting().WaitAsync(Limits.Call)).Board.Agents.Single();
        Assert.Equal(new AgentLoadFigures("ann", AgentTier.Standard, true, 1, 0, 1, 0, 1.0), ann);
    }

    [Fact]
    public async Task UpsertAgent_ThroughTheTenant_KeepsTheBoardInStepAndPresenceIsReadWhenRoutingStarts()
    {
        var tenantId = Ids.Tenant("profile");
        var tenant = fixture.Client.GetGrain<ITenantGrain>(tenantId);
        await tenant.UpsertQueue("overflow", Events.Queue(60)).WaitAsync(Limits.Call);
        await tenant.UpsertQueue("senior", Events.Queue(60)).WaitAsync(Limits.Call);
        await tenant.UpsertAgent("ann", new AgentSettings(AgentTier.Standard, 1, 30, "Ann")).WaitAsync(Limits.Call);
        var online = new AgentEvent(
            AgentEventKind.Presence, fixture.Now, Contracts.Model.Presence.Online, "", false, false);
        await fixture.Client.GetGrain<IAgentGrain>(GrainKeys.Of(tenantId, "ann")).Apply(new AgentSlice([online]))
            .WaitAsync(Limits.Call);
        await tenant.SetRouting(new RoutingSettings(Rules, null, 0)).WaitAsync(Limits.Call);
        var dispatch = fixture.Client.GetGrain<IDispatchGrain>(tenantId);

        await tenant.UpsertAgent("ann", new AgentSettings(AgentTier.Senior, 4, 50, "Ann")).WaitAsync(Limits.Call);

        var ann = (await dispatch.GetRouting().WaitAsync(Limits.Call)).Board.Agents.Single();
        Assert.Equal(new AgentLoadFigures("ann", AgentTier.Senior, true, 0, 4, 0, 50, null), ann);
    }
}
