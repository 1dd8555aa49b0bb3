using Balancer.Contracts.Grains;
using Balancer.Contracts.Model;

namespace Balancer.Grains.Tests;

/// <summary>The tenant's cadence controller, run by its grain on the live figures (period 1 s here).</summary>
[Collection(ClusterCollection.Name)]
public sealed class DirectiveTests(ClusterFixture fixture)
{
    [Fact]
    public async Task QueueAtWarn_OnlySequence_BlocksEnrolmentsOnceAndTellsLiveViews()
    {
        var tenantId = Ids.Tenant("directive");
        var tenant = fixture.Client.GetGrain<ITenantGrain>(tenantId);
        await tenant.UpsertQueue("support", Events.Queue(60)).WaitAsync(Limits.Call);
        await tenant.UpsertSequence("drip", Events.Sequence(3)).WaitAsync(Limits.Call);
        var queue = fixture.Client.GetGrain<IQueueGrain>(GrainKeys.Of(tenantId, "support"));
        await using var live = await LiveSubscription.Start(fixture.Client, fixture.Now).WaitAsync(Limits.Call);

        // Eight conversations, seven answered in time and one left to breach: 12.5%, past warn's 10%.
        var t0 = fixture.Now;
        await queue.Apply(Events.Slice([.. Enumerable.Range(1, 8).Select(i => Events.Open(i, $"c{i}", t0))]))
            .WaitAsync(Limits.Call);
        await queue.Apply(Events.Slice([.. Enumerable.Range(1, 7).Select(i => Events.Respond(i, $"c{i}", t0, "a"))]))
            .WaitAsync(Limits.Call);
        Assert.Empty(live.Recorder.Directives(tenantId));
        fixture.Clock.Advance(TimeSpan.FromSeconds(61));
        var decidedAt = fixture.Now;

        await Eventually.Equal(1, () => Task.FromResult(live.Recorder.Directives(tenantId).Count), Limits.Timer);
        var blocked = new SequenceDirective(
            tenantId, "drip", DirectiveGrade.BlockEnrolments, DirectiveGrade.Normal, 1.0, null,
            "breach level warn; among those making the most human work (0.0 an hour)", decidedAt);
        Assert.Equal(blocked, live.Recorder.Directives(tenantId)[0]);

        // Warn asks no more than blocked enrolments, so later decisions change nothing.
        await Consistently.Equal(
            1, () => Task.FromResult(live.Recorder.Directives(tenantId).Count), TimeSpan.FromSeconds(1.5));
        var report = await tenant.GetDirectives().WaitAsync(Limits.Call);
        Assert.Equal([blocked], report.Current);
        Assert.Equal([blocked], report.History);
    }

    [Fact]
    public async Task LiveQueueWaitPastLimit_ChatSequenceHeldAtOnce_UrgentAndEmailLeftAlone()
    {
        var tenantId = Ids.Tenant("live-wait");
        var tenant = fixture.Client.GetGrain<ITenantGrain>(tenantId);
        await tenant.UpsertQueue("chat", Events.Queue(3600, "Chat", live: true)).WaitAsync(Limits.Call);
        await tenant.UpsertSequence("bot-chat", Events.Sequence(2, channel: Channel.Chat)).WaitAsync(Limits.Call);
        await tenant.UpsertSequence("otp", Events.Sequence(1, channel: Channel.Chat, urgent: true))
            .WaitAsync(Limits.Call);
        await tenant.UpsertSequence("news", Events.Sequence(2)).WaitAsync(Limits.Call);
        var queue = fixture.Client.GetGrain<IQueueGrain>(GrainKeys.Of(tenantId, "chat"));
        await using var live = await LiveSubscription.Start(fixture.Client, fixture.Now).WaitAsync(Limits.Call);

        await queue.Apply(Events.Slice(Events.Open(1, "c1", fixture.Now))).WaitAsync(Limits.Call);
        fixture.Clock.Advance(TimeSpan.FromSeconds(91));
        var decidedAt = fixture.Now;

        await Eventually.Equal(1, () => Task.FromResult(live.Recorder.Directives(tenantId).Count), Limits.Timer);
        Assert.Equal(
            new SequenceDirective(
                tenantId, "bot-chat", DirectiveGrade.Hold, DirectiveGrade.Normal, 3.0, decidedAt.AddMinutes(90),
                "live chat wait 91 s past the limit of 90 s", decidedAt),
            live.Recorder.Directives(tenantId)[0]);
        var report = await tenant.GetDirectives().WaitAsync(Limits.Call);
        Assert.Equal(
            [(DirectiveGrade.Hold, "bot-chat"), (DirectiveGrade.Normal, "news"), (DirectiveGrade.Normal, "otp")],
            report.Current.Select(d => (d.Grade, d.SequenceId)));
    }
}
