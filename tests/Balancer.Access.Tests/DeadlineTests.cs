using Balancer.Contracts.Api;
using Grpc.Core;

namespace Balancer.Access.Tests;

/// <summary>
/// Client deadlines over a real gRPC client, with a grain call held by the test so that the server waits for as
/// long as the test wants: a query stops waiting when its deadline passes; a batch whose deadline passed before it
/// was taken is refused whole; a batch the grains were already applying is finished, and counts once.
/// </summary>
[Collection(LimitsCollection.Name)]
public sealed class DeadlineTests(LimitsFixture fixture)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    
    // Long enough for the call to reach the held grain on a busy machine; the hold does the rest.
    private static readonly TimeSpan Short = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task GetQueue_DeadlinePassesWhileTheGrainIsHeld_HandlerEndsBeforeTheGrainAnswers()
    {
        var tenant = AccessHost.NewTenant("query-deadline");
        var channel = fixture.Host.For(tenant);
        await TenantSetup.QueueAndSequence(channel);
        var query = new Query.QueryClient(channel);
        var ended = fixture.Recorder.Ended(tenant, "GetQueue");
        using var hold = fixture.Held.Hold($"{tenant}/q1", "GetFigures");

        var ex = await Assert.ThrowsAsync<RpcException>(() => query.GetQueueAsync(
            new EntityRequest { Id = "q1" }, deadline: DateTime.UtcNow + Short).ResponseAsync.WaitAsync(Timeout));
        var status = await ended.WaitAsync(Timeout);

        Assert.Equal(StatusCode.DeadlineExceeded, ex.StatusCode);
        Assert.True(hold.Entered.IsCompleted);
        Assert.False(hold.IsReleased);
        Assert.Equal(StatusCode.DeadlineExceeded, status);
    }

    [Fact]
    public async Task Submit_DeadlinePassesWhileTheBatchIsApplied_FinishedOnceAndCountedOnceWhenSentAgain()
    {
        var tenant = AccessHost.NewTenant("apply-deadline");
        var channel = fixture.Host.For(tenant);
        await TenantSetup.QueueAndSequence(channel);
        var ingest = new Ingest.IngestClient(channel);
        var batch = TenantSetup.Batch([
            .. Enumerable.Range(0, 30).Select(i => TenantSetup.Send(fixture.Host.NowMs, "s1", 1, $"c{i}")),
            .. Enumerable.Range(0, 5).Select(i => TenantSetup.Reply(fixture.Host.NowMs, $"r{i}", "s1", 1, "q1")),
        ]);
        var ended = fixture.Recorder.Ended(tenant, "Submit");
        RpcException ex;
        using (var hold = fixture.Held.Hold($"{tenant}/q1", "Apply"))
        {
            ex = await Assert.ThrowsAsync<RpcException>(() => ingest.SubmitAsync(
                batch, deadline: DateTime.UtcNow + Short).ResponseAsync.WaitAsync(Timeout));
            Assert.True(hold.Entered.IsCompleted);
            Assert.False(ended.IsCompleted);
        }

        var status = await ended.WaitAsync(Timeout);
        var again = await ingest.SubmitAsync(batch, deadline: TenantSetup.Deadline());

        Assert.Equal(StatusCode.DeadlineExceeded, ex.StatusCode);
        Assert.Equal(StatusCode.OK, status);
        Assert.Equal((0, 35), (again.Accepted, again.Duplicates));
        Assert.Equal(30, await TenantSetup.SendsOf(channel));
        Assert.Equal(5, (await new Query.QueryClient(channel).GetQueueAsync(
            new EntityRequest { Id = "q1" }, deadline: TenantSetup.Deadline())).Opened.OneHour);
        Assert.Equal(35L, await fixture.Journal.EventsOf(tenant));
    }

    [Fact]
    public async Task Submit_DeadlinePassedBeforeTheBatchIsTaken_RefusedWholeAndTakenWhenSentAgain()
    {
        var tenant = AccessHost.NewTenant("late-batch");
        var channel = fixture.Host.For(tenant);
        await TenantSetup.QueueAndSequence(channel);
        var ingest = new Ingest.IngestClient(channel);
        var batch = TenantSetup.Sends(fixture.Host.NowMs, 40);
        var ended = fixture.Recorder.Ended(tenant, "Submit");
        fixture.Recorder.Late(tenant, "Submit");

        var ex = await Assert.ThrowsAsync<RpcException>(() => ingest.SubmitAsync(
            batch, deadline: DateTime.UtcNow + Short).ResponseAsync.WaitAsync(Timeout));
        var status = await ended.WaitAsync(Timeout);
        var again = await ingest.SubmitAsync(batch, deadline: TenantSetup.Deadline());

        Assert.Equal((StatusCode.DeadlineExceeded, StatusCode.DeadlineExceeded), (ex.StatusCode, status));
        Assert.Equal((40, 0), (again.Accepted, again.Duplicates));
        Assert.Equal(40, await TenantSetup.SendsOf(channel));
        Assert.Equal(40L, await fixture.Journal.EventsOf(tenant));
    }
}
