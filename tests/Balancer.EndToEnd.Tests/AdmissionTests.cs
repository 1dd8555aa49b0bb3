using Balancer.Contracts.Api;
using Grpc.Core;

namespace Balancer.EndToEnd.Tests;

/// <summary>Rebalancing.Admit over gRPC: the human capacity ahead bounds what a sequence may send.</summary>
[Collection(ApiCollection.Name)]
public sealed class AdmissionTests(ApiFixture fixture)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Admit_MeasuredHumanCost_GrantsWhatTheBudgetHoldsAndSaysWhenToAskAgain()
    {
        var tenant = ApiFixture.NewTenant("admit");
        await Tenants.Configure(fixture.For(tenant), [("premium", 3600)], ["ana"], [("welcome", 2)]);
        var ingest = new Ingest.IngestClient(fixture.For(tenant));
        var rebalancing = new Rebalancing.RebalancingClient(fixture.For(tenant));
        var query = new Query.QueryClient(fixture.For(tenant));

        // Ten sends, two replies; ana (5 slots, a ceiling of 100) answers both and closes them after 6 minutes.
        var t0 = fixture.NowMs;
        await ingest.SubmitAsync(Events.Batch([
            Events.Presence(t0, "ana", Presence.Online),
            .. Enumerable.Range(0, 10).Select(i => Events.Send(t0, "welcome", 1, $"k{i}")),
            Events.Reply(t0, "c0", "welcome", 1, "premium"),
            Events.Reply(t0, "c1", "welcome", 1, "premium"),
            Events.Response(t0, "c0", "premium", "ana"),
            Events.Response(t0, "c1", "premium", "ana"),
        ]), deadline: DateTime.UtcNow + Timeout);
        fixture.Time.Advance(TimeSpan.FromMinutes(6));
        await ingest.SubmitAsync(
            Events.Batch([Events.Resolved(fixture.NowMs, "c0", "premium"),
                Events.Resolved(fixture.NowMs, "c1", "premium")]),
            deadline: DateTime.UtcNow + Timeout);

        // A send costs 0.2 replies x all human x 6 minutes = 1.2 slot-minutes. The ten sends went out
        // within 15 minutes, a pace of 40 an hour: the sequence is budgeted what that pace needs, 48
        // slot-minutes an hour, well inside what ana can give.
        var before = await Waits.Until(
            () => Admission(query),
            a => a is not null && Near(a.MinutesPerSend, 1.2) && Near(a.MinutesPerHour, 48), Timeout);

        // The bucket starts full: ten minutes of the budget, 8 slot-minutes.
        Assert.Equal((1.2, 48.0, 8.0), (before!.MinutesPerSend, before.MinutesPerHour, before.AvailableMinutes), Near);
        var reply = await rebalancing.AdmitAsync(
            new AdmitRequest { SequenceId = "welcome", Step = 2, Count = 100 },
            deadline: DateTime.UtcNow + Timeout);

        // 8 / 1.2 = 6 sends; the 0.8 left needs 0.4 more, 30 s at 48 an hour.
        Assert.Equal(
            new AdmitReply
            {
                Granted = 6, RetryAfterMs = 30_000, Grade = Grade.Normal,
                Reason = "6 of 100 within the budget of 48.0 human minutes an hour at 1.20 a send",
            },
            reply);

        // The 94 still due are wanted within one burst on top of the pace: 40 + 94 x 6 = 604 sends an
        // hour, 724.8 slot-minutes. The next decision gives the sequence all the room there is: the
        // reply window (1 hour) and one handle time past it, 1.1 hours of ana's 50 conversations an
        // hour (5 slots at 6 minutes), 55 conversations or 330 slot-minutes, with nothing else waiting.
        var after = await Waits.Until(() => Admission(query), a => a!.MinutesPerHour > 49, Timeout);
        Assert.Equal((6L, 94L), (after!.Granted, after.Deferred));
        Assert.True(Near(after.MinutesPerHour, 330), $"budget {after.MinutesPerHour}");
    }

    [Theory]
    [InlineData("", 1, 1, StatusCode.InvalidArgument, "sequence_id ")]
    [InlineData("ghost", 1, 1, StatusCode.NotFound, "sequence_id: no sequence 'ghost' is configured")]
    [InlineData("welcome", 0, 1, StatusCode.InvalidArgument, "step must be from 1 to the sequence's 2 steps")]
    [InlineData("welcome", 3, 1, StatusCode.InvalidArgument, "step must be from 1 to the sequence's 2 steps")]
    [InlineData("welcome", 1, 0, StatusCode.InvalidArgument, "count must be from 1 to 100000; it is 0.")]
    [InlineData("welcome", 1, 100_001, StatusCode.InvalidArgument, "count must be from 1 to 100000")]
    public async Task Admit_BadRequest_FailsNamingTheField(
        string sequence, int step, int count, StatusCode code, string detail)
    {
        var tenant = ApiFixture.NewTenant("admit-bad");
        await Tenants.Configure(fixture.For(tenant), [], [], [("welcome", 2)]);
        var request = new AdmitRequest { SequenceId = sequence, Step = step, Count = count };

        var error = await Assert.ThrowsAsync<RpcException>(() => new Rebalancing.RebalancingClient(fixture.For(tenant))
            .AdmitAsync(request, deadline: DateTime.UtcNow + Timeout).ResponseAsync);

        Assert.Equal(code, error.StatusCode);
        Assert.StartsWith(detail, error.Status.Detail);
    }

    private static async Task<AdmissionView?> Admission(Query.QueryClient query) =>
        (await query.GetSequenceAsync(new EntityRequest { Id = "welcome" }, deadline: DateTime.UtcNow + Timeout))
        .Admission;

    private static bool Near(double value, double expected) => Math.Abs(value - expected) < 1e-9;

    private static bool Near((double, double, double) a, (double, double, double) b) =>
        Near(a.Item1, b.Item1) && Near(a.Item2, b.Item2) && Near(a.Item3, b.Item3);
}
