using Balancer.Contracts.Grains;
using Balancer.Contracts.Model;

namespace Balancer.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class SequenceGrainTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Apply_SendsRepliesAndRepeatEntry_CountsPerStepAndChannelWithExactRates()
    {
        var tenantId = Ids.Tenant("sequence");
        var tenant = fixture.Client.GetGrain<ITenantGrain>(tenantId);
        await tenant.UpsertSequence("welcome", Events.Sequence(steps: 3)).WaitAsync(Limits.Call);
        var sequence = fixture.Client.GetGrain<ISequenceGrain>(GrainKeys.Of(tenantId, "welcome"));
        var t0 = fixture.Now;

        var first = await sequence.Apply(new SequenceSlice(
            [
                Events.Send(1, "alice", Channel.Email, t0),
                Events.Send(1, "bob", Channel.Sms, t0),
                Events.Send(1, "carol", Channel.Email, t0),
                Events.Send(2, "alice", Channel.Email, t0),
                Events.Reply(1, needsHuman: true, t0),
                Events.Reply(1, needsHuman: false, t0),
                Events.Reply(1, needsHuman: false, t0),
                Events.Of(SequenceEventKind.Escalated, 1, t0),
                Events.Of(SequenceEventKind.BotResolved, 1, t0),
                Events.Of(SequenceEventKind.Conversion, 2, t0),
            ]))
            .WaitAsync(Limits.Call);
        Assert.Equal(new SequenceApplied(3, 0), first);

        // Alice enters again ten minutes later: well inside the six-hour repeat window.
        fixture.Clock.Advance(TimeSpan.FromMinutes(10));
        var again = await sequence
            .Apply(new SequenceSlice([Events.Send(1, "alice", Channel.Email, fixture.Now)]))
            .WaitAsync(Limits.Call);
        Assert.Equal(new SequenceApplied(1, 1), again);

        var figures = await sequence.GetFigures().WaitAsync(Limits.Call);
        Assert.Equal(3, figures.StepCount);
        Assert.Equal(new Counts(4, 4, 4), figures.Entries);
        Assert.Equal(new Counts(1, 1, 1), figures.RepeatEntries);
        Assert.Equal([1, 2], figures.Steps.Select(s => s.Step));

        var step1 = figures.Steps[0];
        Assert.Equal(new Counts(4, 4, 4), step1.Sends);
        Assert.Equal(new Counts(3, 3, 3), step1.SendsByChannel[Channel.Email]);
        Assert.Equal(new Counts(1, 1, 1), step1.SendsByChannel[Channel.Sms]);
        Assert.False(step1.SendsByChannel.ContainsKey(Channel.Chat));
        Assert.Equal(new Counts(3, 3, 3), step1.Replies);
        Assert.Equal(new Counts(2, 2, 2), step1.HumanReplies); // one straight to a human, one escalated
        Assert.Equal(new Counts(1, 1, 1), step1.Escalated);
        Assert.Equal(new Counts(1, 1, 1), step1.BotResolved);
        Assert.Equal(Counts.Zero, step1.Conversions);
        Assert.Equal(new Rates(0.75, 0.75, 0.75), step1.ReplyRate);
        Assert.Equal(new Rates(2.0 / 3, 2.0 / 3, 2.0 / 3), step1.HumanShare);

        var step2 = figures.Steps[1];
        Assert.Equal(new Counts(1, 1, 1), step2.Sends);
        Assert.Equal(new Counts(1, 1, 1), Assert.Single(step2.SendsByChannel, c => c.Key == Channel.Email).Value);
        Assert.Equal(new Counts(1, 1, 1), step2.Conversions);
        Assert.Equal(Counts.Zero, step2.Replies);
        Assert.Equal(new Rates(0.0, 0.0, 0.0), step2.ReplyRate);
        Assert.Equal(Rates.None, step2.HumanShare);

        var total = figures.Total;
        Assert.Equal(0, total.Step);
        Assert.Equal(new Counts(5, 5, 5), total.Sends);
        Assert.Equal(new Counts(4, 4, 4), total.SendsByChannel[Channel.Email]);
        Assert.Equal(new Counts(1, 1, 1), total.SendsByChannel[Channel.Sms]);
        Assert.Equal(new Counts(3, 3, 3), total.Replies);
        Assert.Equal(new Counts(2, 2, 2), total.HumanReplies);
        Assert.Equal(new Counts(1, 1, 1), total.Conversions);
        Assert.Equal(new Rates(0.6, 0.6, 0.6), total.ReplyRate);
        Assert.Equal(new Rates(2.0 / 3, 2.0 / 3, 2.0 / 3), total.HumanShare);
    }
}
