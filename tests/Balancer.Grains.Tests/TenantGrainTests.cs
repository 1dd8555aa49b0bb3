using Balancer.Contracts.Grains;
using Balancer.Contracts.Model;

namespace Balancer.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class TenantGrainTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Upsert_NewThenKnown_ReturnsTrueThenFalseAndCatalogsIdsAndSteps()
    {
        var tenantId = Ids.Tenant("catalog");
        var tenant = fixture.Client.GetGrain<ITenantGrain>(tenantId);
        var agent = new AgentSettings(AgentTier.Contractor, 2, 25, "Cy");

        Assert.True(await tenant.UpsertQueue("support", Events.Queue(60)).WaitAsync(Limits.Call));
        Assert.False(await tenant.UpsertQueue("support", Events.Queue(90)).WaitAsync(Limits.Call));
        Assert.True(await tenant.UpsertAgent("cy", agent).WaitAsync(Limits.Call));
        Assert.False(await tenant.UpsertAgent("cy", agent).WaitAsync(Limits.Call));
        Assert.True(await tenant.UpsertSequence("welcome", Events.Sequence(steps: 3)).WaitAsync(Limits.Call));

        var catalog = await tenant.GetCatalog().WaitAsync(Limits.Call);
        Assert.Equal(3, catalog.Version);
        Assert.Equal(["support"], catalog.QueueIds);
        Assert.Equal(["cy"], catalog.AgentIds);
        Assert.Equal(3, Assert.Single(catalog.SequenceSteps, s => s.Key == "welcome").Value);

        // A known sequence with a new number of steps is not new, but the catalog changes.
        Assert.False(await tenant.UpsertSequence("welcome", Events.Sequence(steps: 4)).WaitAsync(Limits.Call));
        var changed = await tenant.GetCatalog().WaitAsync(Limits.Call);
        Assert.Equal(4, changed.Version);
        Assert.Equal(4, changed.SequenceSteps["welcome"]);
        var inFigures = (await tenant.GetFigures().WaitAsync(Limits.Call)).Catalog;
        Assert.Equal(4, inFigures.Version);
        Assert.Equal(["support"], inFigures.QueueIds);
        Assert.Equal(4, inFigures.SequenceSteps["welcome"]);

        // The upsert configured the entity grain too.
        var queue = await fixture.Client.GetGrain<IQueueGrain>(GrainKeys.Of(tenantId, "support"))
            .GetFigures().WaitAsync(Limits.Call);
        Assert.Equal(90, queue.ReplyWindowSeconds);
        var sequence = await fixture.Client.GetGrain<ISequenceGrain>(GrainKeys.Of(tenantId, "welcome"))
            .GetFigures().WaitAsync(Limits.Call);
        Assert.Equal(4, sequence.StepCount);
    }

    [Fact]
    public async Task Record_Activity_GivesExactSendsPerHumanReplyAndEscalationRate()
    {
        var tenantId = Ids.Tenant("rollup");
        var tenant = fixture.Client.GetGrain<ITenantGrain>(tenantId);
        var now = fixture.Now;

        await tenant.Record(
                new TenantActivityReport(
                    Sends: 30, HumanReplies: 6, BotReplies: 10, Escalated: 4, Entries: 10, RepeatEntries: 2,
                    Met: 0, Breached: 0),
                now,
                epoch: 0)
            .WaitAsync(Limits.Call);

        var figures = await tenant.GetFigures().WaitAsync(Limits.Call);
        Assert.Equal(new Counts(30, 30, 30), figures.Sends);
        Assert.Equal(new Counts(6, 6, 6), figures.HumanReplies);
        Assert.Equal(new Rates(5.0, 5.0, 5.0), figures.SendsPerHumanReply);
        Assert.Equal(new Rates(0.4, 0.4, 0.4), figures.EscalationRate);
        Assert.Equal(new Rates(0.2, 0.2, 0.2), figures.RepeatEngagement);
        Assert.Equal(Rates.None, figures.BreachRate);

        // Five sends per human reply is past the threshold of four; an escalation rate of 0.4 is not past 0.6.
        var warning = Assert.Single(figures.Warnings);
        Assert.Equal(
            new LiveWarning(
                tenantId, LiveWarning.TenantScope, tenantId, WarningMetric.SendsPerHumanReply, WarningLevel.Warn,
                WarningLevel.Normal, 5.0, 4.0, null, now,
                $"Tenant {tenantId}: automated sends per human reply 5.0:1 over 1h reached the warn threshold 4.0:1."),
            warning);
    }
}
