using Balancer.Contracts.Grains;
using Balancer.Contracts.Model;

namespace Balancer.Grains.Tests;

/// <summary>Send admission in the sequence grain, under the directives its tenant decides (period 1 s here).</summary>
[Collection(ClusterCollection.Name)]
public sealed class AdmissionTests(ClusterFixture fixture)
{
    private static readonly TimeSpan BlockedRetry = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task Admit_NoPressureNoAgents_GrantsAllAsked()
    {
        var tenantId = Ids.Tenant("admit-open");
        await fixture.Client.GetGrain<ITenantGrain>(tenantId).UpsertSequence("drip", Events.Sequence(2))
            .WaitAsync(Limits.Call);
        var sequence = fixture.Client.GetGrain<ISequenceGrain>(GrainKeys.Of(tenantId, "drip"));

        var result = await sequence.Admit(1, 250).WaitAsync(Limits.Call);

        Assert.Equal((250, null, DirectiveGrade.Normal), (result.Granted, result.RetryAfter, result.Grade));
    }

    [Fact]
    public async Task Admit_EnrolmentsBlocked_RefusesStepOneGrantsLaterSteps()
    {
        var (_, sequence) = await Breaching("admit-blocked", breached: 1, of: 8);
        await Eventually.Equal(
            DirectiveGrade.BlockEnrolments, async () => (await sequence.Admit(2, 0)).Grade, Limits.Timer);

        Assert.Equal(
            new AdmissionResult(0, BlockedRetry, DirectiveGrade.BlockEnrolments, "enrolments blocked"),
            await sequence.Admit(1, 40).WaitAsync(Limits.Call));
        Assert.Equal(
            new AdmissionResult(40, null, DirectiveGrade.BlockEnrolments, "its sends create no human work"),
            await sequence.Admit(2, 40).WaitAsync(Limits.Call));
        var figures = await sequence.GetFigures().WaitAsync(Limits.Call);
        Assert.Equal(new AdmissionFigures(0, 0, 0, 40, 40), figures.Admission);
    }

    [Fact]
    public async Task Admit_PausedByCriticalBreach_GrantsNothingAndSaysWhenToAskAgain()
    {
        var (tenantId, sequence) = await Breaching("admit-paused", breached: 4, of: 4);

        // Critical asks for a pause; the controller climbs there a grade a decision.
        await Eventually.Equal(DirectiveGrade.Pause, async () => (await sequence.Admit(2, 0)).Grade, Limits.Timer);

        Assert.Equal(
            new AdmissionResult(0, BlockedRetry, DirectiveGrade.Pause, "paused"),
            await sequence.Admit(3, 10).WaitAsync(Limits.Call));
        var history = (await fixture.Client.GetGrain<ITenantGrain>(tenantId).GetDirectives().WaitAsync(Limits.Call))
            .History;
        Assert.Equal(
            [
                (DirectiveGrade.Pause, DirectiveGrade.Hold),
                (DirectiveGrade.Hold, DirectiveGrade.Stretch),
                (DirectiveGrade.Stretch, DirectiveGrade.BlockEnrolments),
                (DirectiveGrade.BlockEnrolments, DirectiveGrade.Normal),
            ],
            history.Select(d => (d.Grade, d.PreviousGrade)));
    }

    /// <summary>
    /// A tenant whose one queue (60 s window) breached <paramref name="breached"/> of its conversations.
    /// </summary>
    private async Task<(string TenantId, ISequenceGrain Sequence)> Breaching(string hint, int breached, int of)
    {
        var tenantId = Ids.Tenant(hint);
        var tenant = fixture.Client.GetGrain<ITenantGrain>(tenantId);
        await tenant.UpsertQueue("support", Events.Queue(60)).WaitAsync(Limits.Call);
        await tenant.UpsertSequence("drip", Events.Sequence(3)).WaitAsync(Limits.Call);
        var queue = fixture.Client.GetGrain<IQueueGrain>(GrainKeys.Of(tenantId, "support"));
        var t0 = fixture.Now;
        await queue.Apply(Events.Slice([.. Enumerable.Range(1, of).Select(i => Events.Open(i, $"c{i}", t0))]))
            .WaitAsync(Limits.Call);
        await queue.Apply(Events.Slice(
                [.. Enumerable.Range(1, of - breached).Select(i => Events.Respond(i, $"c{i}", t0, "a"))]))
            .WaitAsync(Limits.Call);
        fixture.Clock.Advance(TimeSpan.FromSeconds(61));
        return (tenantId, fixture.Client.GetGrain<ISequenceGrain>(GrainKeys.Of(tenantId, "drip")));
    }
}
