using Balancer.Contracts.Api;
using Grpc.Core;

namespace Balancer.EndToEnd.Tests;

/// <summary>Rebalancing.GetStaffingAdvice over gRPC, from the tenant's live figures.</summary>
[Collection(ApiCollection.Name)]
public sealed class StaffingTests(ApiFixture fixture)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task StaffingAdvice_PlannedSendsOutgrowOneAgent_AdvisesALateContractorAndPricesTheSequence()
    {
        var tenant = ApiFixture.NewTenant("staffing");
        await Tenants.Configure(fixture.For(tenant), [("premium", 3600)], ["ana"], []);
        var welcome = new SequenceConfig { SequenceId = "welcome", Channel = Channel.Email, QueueId = "premium" };
        welcome.Steps.Add(new SequenceStep { DelaySeconds = 0 });
        welcome.Steps.Add(new SequenceStep { DelaySeconds = 3600 });
        await new Configuration.ConfigurationClient(fixture.For(tenant))
            .UpsertSequenceAsync(welcome, deadline: DateTime.UtcNow + Timeout);
        var ingest = new Ingest.IngestClient(fixture.For(tenant));

        // Twenty enrolments; four replies for humans; ana answers two and closes them 6 minutes later.
        var t0 = fixture.NowMs;
        await ingest.SubmitAsync(Events.Batch([
            Events.Presence(t0, "ana", Presence.Online),
            .. Enumerable.Range(0, 20).Select(i => Events.Send(t0, "welcome", 1, $"k{i}")),
            .. Enumerable.Range(0, 4).Select(i => Events.Reply(t0, $"c{i}", "welcome", 1, "premium")),
            Events.Response(t0, "c0", "premium", "ana"),
            Events.Response(t0, "c1", "premium", "ana"),
        ]), deadline: DateTime.UtcNow + Timeout);
        fixture.Time.Advance(TimeSpan.FromMinutes(6));
        await ingest.SubmitAsync(
            Events.Batch([Events.Resolved(fixture.NowMs, "c0", "premium"),
                Events.Resolved(fixture.NowMs, "c1", "premium")]),
            deadline: DateTime.UtcNow + Timeout);
        var rebalancing = new Rebalancing.RebalancingClient(fixture.For(tenant));

        // The queue tells the sequence of its resolutions on its next tick.
        var view = await Waits.Until(
            () => rebalancing.GetStaffingAdviceAsync(
                    new StaffingRequest { Hours = 3 }, deadline: DateTime.UtcNow + Timeout)
                .ResponseAsync,
            v => v.Costs.Count == 1 && v.Costs[0].HasPerResolved, Timeout);

        // Step 1 goes on at 20 an hour and step 2 follows an hour behind: 40 sends an hour, each
        // bringing 0.2 replies, all for humans: 8 an hour at 6 minutes each, 0.8 Erlangs. One agent
        // answers 89% within the hour, short of 90%: two are needed, and ana is alone.
        var now = fixture.Time.GetUtcNow();
        var hour = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero);
        Assert.Equal(
            [.. Enumerable.Range(0, 3).Select(h => new StaffingHour
            {
                QueueId = "premium", StartMs = hour.AddHours(h).ToUnixTimeMilliseconds(), HumanArrivals = 8,
                Needed = 2, Staffed = 1, Shortfall = 1, Method = "Erlang C: 0.8 Erlangs, 90% answered within 1 hour",
            })],
            view.Hours);

        // One contractor for the three hours: one 8-hour shift ($200) and the 6 hours of ramp-up
        // (2 estimated, times 3) at $25 an hour, booked 6 hours before now: too late.
        Assert.Equal(
            [new ContractorPlan
            {
                QueueId = "premium", Contractors = 1, FromMs = hour.ToUnixTimeMilliseconds(),
                UntilMs = hour.AddHours(3).ToUnixTimeMilliseconds(),
                BookByMs = hour.AddHours(-6).ToUnixTimeMilliseconds(), Late = true, ShiftsEach = 1, Cost = 350,
            }],
            view.Contractors);
        Assert.Equal(350, view.ContractorCost);

        // Four human interactions at $4.25 over the two conversations resolved.
        Assert.Equal(
            new SequenceCost { SequenceId = "welcome", Bot = 0, Human = 17, Rework = 0, Total = 17, PerResolved = 8.5 },
            view.Costs[0]);
    }

    [Theory]
    [InlineData(-1, "hours must be from 1 to 72, or 0 for 24; it is -1.")]
    [InlineData(73, "hours must be from 1 to 72, or 0 for 24; it is 73.")]
    public async Task StaffingAdvice_BadRequest_FailsNamingTheField(int hours, string detail)
    {
        var channel = fixture.For(ApiFixture.NewTenant("staffing-hours"));

        var error = await Assert.ThrowsAsync<RpcException>(() => new Rebalancing.RebalancingClient(channel)
            .GetStaffingAdviceAsync(new StaffingRequest { Hours = hours }, deadline: DateTime.UtcNow + Timeout)
            .ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.StartsWith(detail, error.Status.Detail);
    }

    [Fact]
    public async Task UpsertSequence_QueueNotConfigured_FailsNamingQueueId()
    {
        var channel = fixture.For(ApiFixture.NewTenant("staffing-bad"));
        var sequence = new SequenceConfig { SequenceId = "s", Channel = Channel.Email, QueueId = "ghost" };
        sequence.Steps.Add(new SequenceStep());

        var error = await Assert.ThrowsAsync<RpcException>(() => new Configuration.ConfigurationClient(channel)
            .UpsertSequenceAsync(sequence, deadline: DateTime.UtcNow + Timeout).ResponseAsync);

        Assert.Equal(
            (StatusCode.InvalidArgument, "queue_id names no configured queue: 'ghost'."),
            (error.StatusCode, error.Status.Detail));
    }
}
