using Balancer.Contracts.Grains;
using Balancer.Contracts.Model;
using static Balancer.Grains.Tests.DispatchEvents;

namespace Balancer.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class DispatchRoutingTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Apply_RoutedReplies_GoToTheBotSeniorOrOverflowAndEscalateAfterTwoTouches()
    {
        var tenantId = Ids.Tenant("route");
        var dispatch = await Routed(fixture.Client, tenantId, []);
        var t = fixture.Now - TimeSpan.FromSeconds(10);

        var applied = await dispatch.Apply(Slice(
            Route(0, "v1", "k1", t, intent: "Password_Reset"),
            Route(1, "v2", "k2", t, value: 12_000m),
            Route(2, "v3", "k3", t, complaint: true),
            Route(3, "v1", "k1", t, intent: "password_reset"),
            Route(4, "v4", "k3", t, complaint: true),
            Route(5, "v1", "k1", t, intent: "password_reset", transcript: "bot:v1"))).WaitAsync(Limits.Call);

        Assert.Equal(
            [
                new RoutedReply(0, RouteTier.Bot, "", false),
                new RoutedReply(1, RouteTier.Senior, "senior", false),
                new RoutedReply(2, RouteTier.Overflow, "overflow", false),
                new RoutedReply(3, RouteTier.Bot, "", false),
                new RoutedReply(4, RouteTier.Senior, "senior", false),
                new RoutedReply(5, RouteTier.Overflow, "overflow", true),
            ],
            applied.Routed);
        Assert.Empty(applied.Rejected);
        var report = await dispatch.GetRouting().WaitAsync(Limits.Call);
        Assert.Equal([new VariantFigures("control", 6, 2, 2, 2, 0, 0, null, null)], report.Variants);
        Assert.Equal(4, report.Board.Waiting);
        Assert.Equal(
            new Dictionary<string, int> { ["overflow"] = 2, ["senior"] = 2 },
            report.Board.WaitingByQueue.OrderBy(q => q.Key).ToDictionary());
        Assert.Equal(10, report.Board.OldestWaitSeconds);
    }

    [Fact]
    public async Task Apply_ReplyToAConversationWaitingForAHuman_JoinsItWhereItWaits()
    {
        var tenantId = Ids.Tenant("rejoin");
        var dispatch = await Routed(fixture.Client, tenantId, []);
        var t = fixture.Now;
        await dispatch.Apply(Slice(Route(0, "v1", "k1", t, complaint: true))).WaitAsync(Limits.Call);

        var again = await dispatch.Apply(Slice(Route(0, "v1", "k1", t, complaint: true))).WaitAsync(Limits.Call);
        var other = await dispatch.Apply(Slice(Route(0, "v2", "k1", t))).WaitAsync(Limits.Call);

        // The second complaint counts for the contact's next conversation, not for the one that waits.
        Assert.Equal([new RoutedReply(0, RouteTier.Overflow, "overflow", false)], again.Routed);
        Assert.Equal([new RoutedReply(0, RouteTier.Senior, "senior", false)], other.Routed);
        var report = await dispatch.GetRouting().WaitAsync(Limits.Call);
        Assert.Equal(2, report.Variants.Single().Routed);
    }

    [Fact]
    public async Task Offers_CarryTheHandoffAndSeniorWorkGoesOnlyToSeniorAgents()
    {
        var tenantId = Ids.Tenant("handoff");
        var dispatch = await Routed(
            fixture.Client, tenantId, [Agent("std", 5), Agent("sen", 5, AgentTier.Senior)]);
        using var listener = await OfferListener.Start(fixture.Client, tenantId, "std", "sen");
        var t = fixture.Now;
        await dispatch.Apply(Slice(
            Presence(0, "std", true, t - TimeSpan.FromMinutes(5)),
            Presence(1, "sen", true, t - TimeSpan.FromMinutes(1)))).WaitAsync(Limits.Call);

        await dispatch.Apply(Slice(
            Route(0, "v1", "k1", t - TimeSpan.FromSeconds(6), intent: "password_reset"),
            Route(1, "v2", "k2", t - TimeSpan.FromSeconds(5), value: 12_000m),
            Route(2, "v3", "k3", t - TimeSpan.FromSeconds(4), complaint: true),
            Route(3, "v1", "k1", t - TimeSpan.FromSeconds(3), intent: "password_reset"),
            Route(4, "v4", "k3", t - TimeSpan.FromSeconds(2), complaint: true),
            Route(5, "v1", "k1", t - TimeSpan.FromSeconds(1), intent: "password_reset", transcript: "bot:v1")))
            .WaitAsync(Limits.Call);

        // v2 scores higher for its value; then the oldest first, each to the most free slots.
        await Eventually.Equal(
            [("v2", "sen", 1), ("v3", "std", 1), ("v4", "sen", 1), ("v1", "std", 1)],
            () => Task.FromResult(listener.Recorder.Made(tenantId)),
            Limits.Timer);
        var escalated = listener.Recorder.To(tenantId, "std")[1];
        Assert.Equal(new Handoff("signup", "welcome", 2, "bot:v1", 0m, 0, 2), escalated.Handoff);
        Assert.Equal(
            (t - TimeSpan.FromSeconds(1) + TimeSpan.FromHours(1), escalated.At + TimeSpan.FromSeconds(30)),
            (escalated.Deadline, escalated.AckBy));
        var complained = listener.Recorder.To(tenantId, "sen")[1];
        Assert.Equal(new Handoff("signup", "welcome", 2, "", 0m, 2, 0), complained.Handoff);
        Assert.Equal(12_000m, listener.Recorder.To(tenantId, "sen")[0].Handoff.LifetimeValue);
    }

    [Fact]
    public async Task Trial_SplitsContactsAndShowsEachVariantsOutcomesSideBySide()
    {
        var tenantId = Ids.Tenant("trial");
        var control = Rules with { BotIntents = [] };
        var dispatch = await Routed(
            fixture.Client, tenantId, [], control, control with { OverflowQueueId = "pool" }, 30,
            ("pool", 600), ("overflow", 600));
        var t = fixture.Now;

        // c2 and c3 hash below 30, into the trial; c0 and c1 stay on the control rules.
        var routed = await dispatch.Apply(Slice(
            Route(0, "a", "c0", t), Route(1, "b", "c1", t), Route(2, "x", "c2", t), Route(3, "y", "c3", t)))
            .WaitAsync(Limits.Call);
        fixture.Clock.Advance(TimeSpan.FromMinutes(2));
        await dispatch.Apply(Slice(
            Respond(0, "a", "ann", t + TimeSpan.FromMinutes(1)),
            Respond(1, "x", "ann", t + TimeSpan.FromMinutes(2)))).WaitAsync(Limits.Call);
        fixture.Clock.Advance(TimeSpan.FromMinutes(8));

        Assert.Equal(["overflow", "overflow", "pool", "pool"], routed.Routed.Select(r => r.QueueId));
        await Eventually.Equal(
            [
                new VariantFigures("control", 2, 0, 0, 2, 1, 1, 0.5, 60),
                new VariantFigures("trial", 2, 0, 0, 2, 1, 1, 0.5, 120),
            ],
            async () => (await dispatch.GetRouting()).Variants,
            Limits.Timer);
        var report = await dispatch.GetRouting().WaitAsync(Limits.Call);
        Assert.Equal(new RoutingSettings(control, control with { OverflowQueueId = "pool" }, 30), report.Settings);
    }

    [Fact]
    public async Task SetRouting_AgainWithNewRules_KeepsTheTenantRoutedAndStartsTheResultsAfresh()
    {
        var tenantId = Ids.Tenant("again");
        var dispatch = await Routed(fixture.Client, tenantId, []);
        var tenant = fixture.Client.GetGrain<ITenantGrain>(tenantId);
        await dispatch.Apply(Slice(Route(0, "v1", "k1", fixture.Now, intent: "password_reset")))
            .WaitAsync(Limits.Call);
        var version = (await tenant.GetCatalog().WaitAsync(Limits.Call)).Version;

        var created = await tenant.SetRouting(new RoutingSettings(Rules, Rules, 0)).WaitAsync(Limits.Call);
        var second = await dispatch.Apply(Slice(Route(0, "v1", "k1", fixture.Now, intent: "password_reset")))
            .WaitAsync(Limits.Call);

        Assert.False(created);
        var catalog = await tenant.GetCatalog().WaitAsync(Limits.Call);
        Assert.True(catalog.Routed);
        Assert.Equal(version, catalog.Version);
        Assert.Equal(RouteTier.Bot, second.Routed.Single().Tier);
        Assert.Equal(
            [
                new VariantFigures("control", 1, 1, 0, 0, 0, 0, null, null),
                new VariantFigures("trial", 0, 0, 0, 0, 0, 0, null, null),
            ],
            (await dispatch.GetRouting().WaitAsync(Limits.Call)).Variants);
    }

    [Fact]
    public async Task Apply_WithoutRules_RejectsRoutedRepliesNamingTheQueueField()
    {
        var tenantId = Ids.Tenant("unrouted");
        var tenant = fixture.Client.GetGrain<ITenantGrain>(tenantId);
        await tenant.UpsertQueue("support", Events.Queue(60)).WaitAsync(Limits.Call);
        var dispatch = fixture.Client.GetGrain<IDispatchGrain>(tenantId);

        var applied = await dispatch.Apply(Slice(Route(3, "v1", "k1", fixture.Now))).WaitAsync(Limits.Call);

        Assert.Empty(applied.Routed);
        Assert.Equal(
            [new SliceRejection(3, "reply.queue_id", "is required: the tenant has no routing rules")],
            applied.Rejected);
        Assert.False((await tenant.GetCatalog().WaitAsync(Limits.Call)).Routed);
        var report = await dispatch.GetRouting().WaitAsync(Limits.Call);
        Assert.Equal((null, 0), (report.Settings, report.Variants.Count));
    }
}
