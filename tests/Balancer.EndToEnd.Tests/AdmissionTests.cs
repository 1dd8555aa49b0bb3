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
        await Tenants.Configure(fixture.Channel, tenant, [("premium", 3600)], ["ana"], [("welcome", 2)]);
        var ingest = new Ingest.IngestClient(fixture.Channel);
        var rebalancing = new Rebalancing.RebalancingClient(fixture.Channel);
        var query = new Query.QueryClient(fixture.Channel);

        // Ten sends, two replies; ana (5 slots, a ceiling of 100) answers both and closes them after 6 minutes.
        var t0 = fixture.NowMs;
        await ingest.SubmitAsync(Events.Batch(tenant, [
            Events.Presence(t0, "ana", Presence.Online),
            .. Enumerable.Range(0, 10).Select(i => Events.Send(t0, "welcome", 1, $"k{i}")),
            Events.Reply(t0, "c0", "welcome", 1, "premium"),
            Events.Reply(t0, "c1", "welcome", 1, "premium"),
            Events.Response(t0, "c0", "premium", "ana"),
            Events.Response(t0, "c1", "premium", "ana"),
        ]), deadline: DateTime.UtcNow + Timeout);
        fixture.Time.Advance(TimeSpan.FromMinutes(6));
        await ingest.SubmitAsync(
            Events.Batch(tenant, [Events.Resolved(fixture.NowMs, "c0", "premium"),
                Events.Resolved(fixture.NowMs, "c1", "premium")]),
            deadline: DateTime.UtcNow + Timeout);

        // A send costs 0.2 replies x all human x 6 minutes = 1.2 slot-minutes. The ten sends went out
        // within 15 minutes, a pace of 40 an hour: the sequence is budgeted what that pace needs, 48
        // slot-minutes an hour, well inside what ana can give.
        await Eventually(
            () => Admission(query, tenant),
            a => a is not null && Near(a.MinutesPerSend, 1.2) && Near(a.MinutesPerHour, 48));

        // The bucket starts full: ten minutes of the budget, 8 slot-minutes.
        var before = await Admission(query, tenant);
        Assert.True(Near(before!.AvailableMinutes, 8));
        var reply = await rebalancing.AdmitAsync(
            new AdmitRequest { TenantId = tenant, SequenceId = "welcome", Step = 2, Count = 100 },
            deadline: DateTime.UtcNow + Timeout);

        // 8 / 1.2 = 6 sends; the 0.8 left needs 0.4 more, 30 s at 48 an hour.
        Assert.Equal(
            new AdmitReply
            {
                Granted = 6, RetryAfterMs = 30_000, Grade = Grade.Normal,
                Reason = "6 of 100 within the budget of 48.0 human minutes an hour at 1.20 a send",
            },
            reply);

        // The 94 still due are wanted within one burst on top of the pace, so the next decision gives
        // the sequence more, up to what ana's 5 slots can take in an hour (300 slot-minutes).
        var after = await Eventually(() => Admission(query, tenant), a => a!.MinutesPerHour > 48);
        Assert.Equal((6L, 94L), (after!.Granted, after.Deferred));
        Assert.InRange(after.MinutesPerHour, 48, 300);
    }

    [Theory]
    [InlineData("", "welcome", 1, 1, StatusCode.InvalidArgument, "tenant_id ")]
    [InlineData("T", "", 1, 1, StatusCode.InvalidArgument, "sequence_id ")]
    [InlineData("T", "ghost", 1, 1, StatusCode.NotFound, "sequence_id: no sequence 'ghost' is configured")]
    [InlineData("T", "welcome", 0, 1, StatusCode.InvalidArgument, "step must be from 1 to the sequence's 2 steps")]
    [InlineData("T", "welcome", 3, 1, StatusCode.InvalidArgument, "step must be from 1 to the sequence's 2 steps")]
    [InlineData("T", "welcome", 1, 0, StatusCode.InvalidArgument, "count must be from 1 to 100000; it is 0.")]
    [InlineData("T", "welcome", 1, 100_001, StatusCode.InvalidArgument, "count must be from 1 to 100000")]
    public async Task Admit_BadRequest_FailsNamingTheField(
        string tenantId, string sequence, int step, int count, StatusCode code, string detail)
    {
        var tenant = ApiFixture.NewTenant("admit-bad");
        await Tenants.Configure(fixture.Channel, tenant, [], [], [("welcome", 2)]);
        var request = new AdmitRequest
        {
            TenantId = tenantId == "T" ? tenant : tenantId, SequenceId = sequence, Step = step, Count = count,
        };

        var error = await Assert.ThrowsAsync<RpcException>(() => new Rebalancing.RebalancingClient(fixture.Channel)
            .AdmitAsync(request, deadline: DateTime.UtcNow + Timeout).ResponseAsync);

        Assert.Equal(code, error.StatusCode);
        Assert.StartsWith(detail, error.Status.Detail);
    }

    private static async Task<AdmissionView?> Admission(Query.QueryClient query, string tenant) =>
        (await query.GetSequenceAsync(
            new EntityRequest { TenantId = tenant, Id = "welcome" }, deadline: DateTime.UtcNow + Timeout)).Admission;

    private static bool Near(double value, double expected) => Math.Abs(value - expected) < 1e-9;

    private static async Task<T> Eventually<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var until = DateTime.UtcNow + Timeout;
        T value;
        do
        {
            value = await read().WaitAsync(Timeout);
            if (done(value))
            {
                return value;
            }

            await Task.Delay(25);
        }
        while (DateTime.UtcNow < until);

        throw new TimeoutException($"Still {value} after {Timeout}.");
    }
}
