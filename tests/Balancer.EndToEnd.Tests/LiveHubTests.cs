using System.Collections.Concurrent;
using Balancer.Contracts.Api;
using Balancer.Contracts.Live;
using Balancer.Contracts.Model;
using Microsoft.AspNetCore.SignalR.Client;

namespace Balancer.EndToEnd.Tests;

[Collection(ApiCollection.Name)]
public sealed class LiveHubTests(ApiFixture fixture)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Hub_QueueBreachRateCrossesWarnThenFallsBelowHysteresis_PushesWarningThenRecovery()
    {
        var tenant = ApiFixture.NewTenant("live");
        await Tenants.Configure(fixture.For(tenant), [("premium", 60)], ["ana"], [("welcome", 1)]);
        var warnings = new BlockingCollection<LiveWarning>();
        var snapshots = new BlockingCollection<LiveSnapshot>();
        await using var hub = LiveHubs.Connect(fixture.WebUrl, await fixture.Keys.KeyOf(tenant));
        hub.On<LiveWarning>(LiveHubContract.Warning, w => warnings.Add(w));
        hub.On<LiveSnapshot>(LiveHubContract.Snapshot, s => snapshots.Add(s));
        await hub.StartAsync().WaitAsync(Timeout);
        var joined = await hub.InvokeAsync<LiveSnapshot>(LiveHubContract.Join).WaitAsync(Timeout);
        Assert.Equal(["premium"], joined.Queues.Select(q => q.QueueId));
        var ingest = new Ingest.IngestClient(fixture.For(tenant));
        var opened = fixture.NowMs;

        // Ten conversations; nine answered in time, one left to breach: 1 in 10 is the warn threshold.
        await ingest.SubmitAsync(Events.Batch(
            Enumerable.Range(0, 10).Select(i => Events.Reply(opened, $"c{i}", "welcome", 1, "premium"))),
            deadline: DateTime.UtcNow + Timeout);
        fixture.Time.Advance(TimeSpan.FromSeconds(5));
        await ingest.SubmitAsync(Events.Batch(
            Enumerable.Range(0, 9).Select(i => Events.Response(fixture.NowMs, $"c{i}", "premium", "ana"))),
            deadline: DateTime.UtcNow + Timeout);
        Assert.Equal(1, Waits.Next(snapshots, s => s.Queues.Any(q => q is { QueueId: "premium", Depth: 1 }), Timeout)
            .Queues.Single().Depth);
        fixture.Time.Advance(TimeSpan.FromSeconds(56));

        var raised = Waits.Next(warnings, w => w.Scope == LiveWarning.QueueScope, Timeout);
        Assert.Equal(
            (tenant, "premium", WarningMetric.BreachRate, WarningLevel.Warn, WarningLevel.Normal, 0.1, 0.1),
            (raised.TenantId, raised.SubjectId, raised.Metric, raised.Level, raised.PreviousLevel, raised.Value,
                raised.Threshold));
        Assert.Equal("Queue premium: breach rate 10.0% over 1h reached the warn threshold 10.0%.", raised.Message);

        // Ten more answered in time: 1 in 20 is 5%, below the threshold less its 2-point hysteresis.
        var second = fixture.NowMs;
        await ingest.SubmitAsync(Events.Batch([
            .. Enumerable.Range(10, 10).Select(i => Events.Reply(second, $"c{i}", "welcome", 1, "premium")),
            .. Enumerable.Range(10, 10).Select(i => Events.Response(second, $"c{i}", "premium", "ana")),
        ]), deadline: DateTime.UtcNow + Timeout);

        var recovered = Waits.Next(warnings, w => w.Scope == LiveWarning.QueueScope, Timeout);
        Assert.Equal((WarningLevel.Normal, WarningLevel.Warn, 0.05, 0.1),
            (recovered.Level, recovered.PreviousLevel, recovered.Value, recovered.Threshold));
        var overview = await new Query.QueryClient(fixture.For(tenant))
            .GetTenantOverviewAsync(new TenantRequest(), deadline: DateTime.UtcNow + Timeout);
        Assert.DoesNotContain(overview.Warnings, w => w.Scope == LiveWarning.QueueScope);
    }
}
