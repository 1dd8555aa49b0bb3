using Balancer.Contracts.Grains;
using Balancer.Contracts.Model;

namespace Balancer.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class WarningTests(ClusterFixture fixture)
{
    private const string Queue = "support";

    [Fact]
    public async Task QueueBreachRate_OverThresholdThenDown_WarnsHoldsInsideHysteresisThenRecovers()
    {
        var tenantId = Ids.Tenant("warning");
        var tenant = fixture.Client.GetGrain<ITenantGrain>(tenantId);
        await tenant.UpsertQueue(Queue, Events.Queue(60)).WaitAsync(Limits.Call);
        var queue = fixture.Client.GetGrain<IQueueGrain>(GrainKeys.Of(tenantId, Queue));
        await using var live = await LiveSubscription.Start(fixture.Client, fixture.Now).WaitAsync(Limits.Call);
        var recorder = live.Recorder;
        var key = $"{LiveWarning.QueueScope}/{Queue}/{WarningMetric.BreachRate}";

        // Eight conversations; seven answered in time, the eighth left to breach: 1 of 8 decided, 12.5%.
        var t0 = fixture.Now;
        await queue
            .Apply(Events.Slice([.. Enumerable.Range(1, 8).Select(i => Events.Open(i, $"c{i}", t0))]))
            .WaitAsync(Limits.Call);
        fixture.Clock.Advance(TimeSpan.FromSeconds(5));
        var t5 = fixture.Now;
        await queue
            .Apply(Events.Slice([.. Enumerable.Range(1, 7).Select(i => Events.Respond(i, $"c{i}", t5, "ann"))]))
            .WaitAsync(Limits.Call);

        await Eventually.Equal(
            1, () => Task.FromResult(recorder.LatestQueueSnapshot(tenantId, Queue)?.Depth ?? -1), Limits.Timer);
        Assert.Empty(recorder.Warnings(tenantId, LiveWarning.QueueScope));

        fixture.Clock.Advance(TimeSpan.FromSeconds(56)); // t0 + 61 s: c8's deadline at t0 + 60 s has passed
        var breachedAt = fixture.Now;
        await Eventually.Equal(
            1, () => Task.FromResult(recorder.Warnings(tenantId, LiveWarning.QueueScope).Count), Limits.Timer);
        var raised = new LiveWarning(
            tenantId, LiveWarning.QueueScope, Queue, WarningMetric.BreachRate, WarningLevel.Warn, WarningLevel.Normal,
            0.125, 0.10, null, breachedAt,
            $"Queue {Queue}: breach rate 12.5% over 1h reached the warn threshold 10.0%.");
        Assert.Equal(raised, recorder.Warnings(tenantId, LiveWarning.QueueScope)[0]);
        await Eventually.Equal(
            raised, async () => (await tenant.GetFigures()).Warnings.SingleOrDefault(w => w.Key == key), Limits.Timer);

        await Eventually.Equal(
            (Depth: 1, Breached: 1L, Level: WarningLevel.Warn),
            () => Task.FromResult(recorder.LatestQueueSnapshot(tenantId, Queue) is { } q
                ? (q.Depth, Breached: q.Breached.OneHour, q.Level)
                : default),
            Limits.Timer);

        // Three more met: 1 of 11, 9.1%, below the threshold of 10% but not below 10% - 2%: still a warning.
        await AnswerInTime(queue, 9, 3);
        await Eventually.Equal(
            1.0 / 11,
            () => Task.FromResult(recorder.LatestQueueSnapshot(tenantId, Queue)?.BreachRate.OneHour),
            Limits.Timer);
        await Consistently.Equal(
            1, () => Task.FromResult(recorder.Warnings(tenantId, LiveWarning.QueueScope).Count), Limits.Quiet);
        Assert.Equal(WarningLevel.Warn, (await queue.GetFigures().WaitAsync(Limits.Call)).Level);
        Assert.Equal(
            raised, (await tenant.GetFigures().WaitAsync(Limits.Call)).Warnings.SingleOrDefault(w => w.Key == key));

        // Two more: 1 of 13, 7.7%, below 8%: recovered.
        await AnswerInTime(queue, 12, 2);
        await Eventually.Equal(
            2, () => Task.FromResult(recorder.Warnings(tenantId, LiveWarning.QueueScope).Count), Limits.Timer);
        Assert.Equal(
            new LiveWarning(
                tenantId, LiveWarning.QueueScope, Queue, WarningMetric.BreachRate, WarningLevel.Normal,
                WarningLevel.Warn, 1.0 / 13, 0.10, null, fixture.Now,
                $"Queue {Queue}: breach rate 7.7% over 1h recovered below 10.0%."),
            recorder.Warnings(tenantId, LiveWarning.QueueScope)[1]);
        await Eventually.Equal(
            null, async () => (await tenant.GetFigures()).Warnings.SingleOrDefault(w => w.Key == key), Limits.Timer);
        Assert.Equal(WarningLevel.Normal, (await queue.GetFigures().WaitAsync(Limits.Call)).Level);
    }

    private async Task AnswerInTime(IQueueGrain queue, int first, int count)
    {
        var now = fixture.Now;
        var ids = Enumerable.Range(first, count).Select(i => $"c{i}").ToList();
        var applied = await queue
            .Apply(Events.Slice(
            [
                .. ids.Select((id, i) => Events.Open(i, id, now)),
                .. ids.Select((id, i) => Events.Respond(count + i, id, now, "ann")),
            ]))
            .WaitAsync(Limits.Call);
        Assert.Empty(applied.Rejected);
    }
}
