using Balancer.Contracts.Api;
using Grpc.Core;
using Channel = Balancer.Contracts.Api.Channel;
using Presence = Balancer.Contracts.Api.Presence;

namespace Balancer.EndToEnd.Tests;

/// <summary>Routing.SetRoutingRules, replies without a queue, and the offers over Assignments.Connect.</summary>
[Collection(ApiCollection.Name)]
public sealed class RoutingTests(ApiFixture fixture)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task RoutedReplies_ReachTheConnectedAgentWithTheirHandoffAndAnUnacknowledgedOneMovesOn()
    {
        var tenant = ApiFixture.NewTenant("routed");
        await Configure(tenant);
        await SetRules(tenant, Rules());
        var ingest = new Ingest.IngestClient(fixture.For(tenant));
        var t = fixture.NowMs;
        await using var ana = await AgentLine.Open(fixture.For(tenant), "ana");
        await using var ben = await AgentLine.Open(fixture.For(tenant), "ben");

        // Two bot touches, then the third reply of r1 escalates; r2 names its queue, as before routing.
        var ack = await ingest.SubmitAsync(Events.Batch([
            Events.Presence(t - 600_000, "ana", Presence.Online),
            Events.Presence(t - 60_000, "ben", Presence.Online),
            Routed(t - 5_000, "r1", "k1", intent: "password_reset"),
            Routed(t - 4_000, "r1", "k1", intent: "password_reset"),
            Routed(t - 3_000, "r1", "k1", intent: "password_reset", value: 300, transcript: "https://bot.example/r1"),
            Events.Reply(t - 1_000, "r2", "welcome", 1, "overflow"),
        ]), deadline: Deadline());

        Assert.Equal((6, 0), (ack.Accepted, ack.Rejected.Count));
        var offer = await ana.NextOffer();
        // Urgency and wait of the 3 s (and the clock's fraction of a millisecond) since it arrived, and its value.
        var waited = (fixture.Time.GetUtcNow() - DateTimeOffset.FromUnixTimeMilliseconds(t - 3_000)).TotalSeconds;
        var priority = (0.6 * waited / 3600) + (0.25 * 300 / 1300) + (0.15 * waited / 14_400);
        Assert.Equal(priority, offer.Priority, 12);
        Assert.Equal(
            new Offer
            {
                ConversationId = "r1", QueueId = "overflow", Priority = offer.Priority, OfferedAtMs = t,
                AckByMs = t + 30_000, Attempt = 1, DeadlineMs = t - 3_000 + 3_600_000,
                Handoff = new Handoff
                {
                    TriggerSource = "abandoned cart", SequenceId = "welcome", Step = 2,
                    BotTranscript = "https://bot.example/r1", LifetimeValue = 300, ComplaintCount = 0,
                    AutomatedTouches = 2,
                },
            },
            offer);
        Assert.Equal(new Receipt { ConversationId = "r1", Accepted = true }, await ana.Ack("r1"));
        await ingest.SubmitAsync(
            Events.Batch([Events.Response(t, "r1", "overflow", "ana")]), deadline: Deadline());
        var missed = await ben.NextOffer();
        Assert.Equal(("r2", 1, t + 30_000), (missed.ConversationId, missed.Attempt, missed.AckByMs));

        // Ben lets r2 lapse: at its ack-by it goes to ana, with its age and deadline.
        fixture.Time.Advance(TimeSpan.FromSeconds(30));
        var moved = await ana.NextOffer();
        var late = await ben.Ack("r2");

        Assert.Equal(
            ("r2", 2, t + 30_000, t - 1_000 + 3_600_000),
            (moved.ConversationId, moved.Attempt, moved.OfferedAtMs, moved.DeadlineMs));
        Assert.Equal(new Handoff { TriggerSource = "abandoned cart", SequenceId = "welcome", Step = 1 }, moved.Handoff);
        Assert.False(late.Accepted);
        Assert.StartsWith("the offer is no longer the agent's", late.Reason);
        Assert.True((await ana.Ack("r2")).Accepted);
        var view = await new Routing.RoutingClient(fixture.For(tenant))
            .GetRoutingAsync(new TenantRequest(), deadline: Deadline());
        Assert.Equal(
            new VariantResults
            {
                Variant = "control", Routed = 3, ToBot = 2, ToOverflow = 1, AnsweredInWindow = 1, BreachRate = 0,
                FirstResponseP90Seconds = 3,
            },
            Assert.Single(view.Variants));
        Assert.Equal(0, view.Board.Waiting);
        Assert.Equal([("ana", 2), ("ben", 0)], view.Board.Agents.Select(a => (a.AgentId, a.Assigned)));
        var sequence = await new Query.QueryClient(fixture.For(tenant)).GetSequenceAsync(
            new EntityRequest { Id = "welcome" }, deadline: Deadline());
        Assert.Equal((4, 2), (sequence.Total.Replies.OneHour, sequence.Total.HumanReplies.OneHour));
    }

    [Fact]
    public async Task RoutedReplies_GoSeniorForValueAndRepeatComplaintsAndTheTrialShowsBesideTheControl()
    {
        var tenant = ApiFixture.NewTenant("tiers");
        await Configure(tenant, ("pool", 600));
        var trial = Rules();
        trial.OverflowQueueId = "pool";
        await SetRules(tenant, Rules(), trial, 30);
        var t = fixture.NowMs;

        // c2 hashes below 30, into the trial; c0, c1 and c5 stay on the control rules.
        var ack = await new Ingest.IngestClient(fixture.For(tenant)).SubmitAsync(Events.Batch([
            Routed(t, "v1", "c0", value: 12_000),
            Routed(t, "v2", "c1", complaint: true),
            Routed(t, "v3", "c1", complaint: true),
            Routed(t, "v4", "c2"),
            Routed(t, "v5", "c5", intent: "PASSWORD_RESET"),
        ]), deadline: Deadline());
        var view = await new Routing.RoutingClient(fixture.For(tenant))
            .GetRoutingAsync(new TenantRequest(), deadline: Deadline());

        Assert.Equal((5, 0), (ack.Accepted, ack.Rejected.Count));
        Assert.Equal(
            [
                new VariantResults { Variant = "control", Routed = 4, ToBot = 1, ToSenior = 2, ToOverflow = 1 },
                new VariantResults { Variant = "trial", Routed = 1, ToOverflow = 1 },
            ],
            view.Variants);
        Assert.Equal(
            [("overflow", 1), ("pool", 1), ("senior", 2)],
            view.Board.WaitingByQueue.OrderBy(q => q.Key).Select(q => (q.Key, q.Value)));
        Assert.Equal((30, "pool", 2), (view.TrialPercent, view.Trial.OverflowQueueId, view.Control.SeniorComplaints));
        Assert.False(view.Control.HasEscalateAfterTouches);
        var query = new Query.QueryClient(fixture.For(tenant));
        var senior = await query.GetQueueAsync(
            new EntityRequest { Id = "senior" }, deadline: Deadline());
        var pool = await query.GetQueueAsync(
            new EntityRequest { Id = "pool" }, deadline: Deadline());
        Assert.Equal((2, 1), (senior.Depth, pool.Depth));
    }

    [Fact]
    public async Task Reply_WithoutQueueBeforeAnyRules_IsRejectedNamingTheQueueField()
    {
        var tenant = ApiFixture.NewTenant("norules");
        await Configure(tenant);

        var ack = await new Ingest.IngestClient(fixture.For(tenant)).SubmitAsync(
            Events.Batch([Events.Send(fixture.NowMs, "welcome", 1, "k1"), Routed(fixture.NowMs, "r1", "k1")]),
            deadline: Deadline());

        Assert.Equal(1, ack.Accepted);
        var rejection = Assert.Single(ack.Rejected);
        Assert.Equal(
            (1, "reply.queue_id", "is required unless bot_handles is set or the tenant has routing rules"),
            (rejection.Index, rejection.Field, rejection.Reason));
    }

    [Fact]
    public async Task Ingest_BadHandoffFields_AreRejectedByIndexAndField()
    {
        var tenant = ApiFixture.NewTenant("handoff-bad");
        await Configure(tenant);
        await SetRules(tenant, Rules());
        var ms = fixture.NowMs;
        var escalated = Events.Escalated(ms, "e1", "welcome", 1, "overflow");
        escalated.BotEscalated.AutomatedTouches = 1001;

        var ack = await new Ingest.IngestClient(fixture.For(tenant)).SubmitAsync(Events.Batch([
            Routed(ms, "r1", "k1", value: -1),
            Routed(ms, "r2", "k2", transcript: new string('t', 4001)),
            escalated,
            Routed(ms, "r3", "k3", intent: new string('i', 201)),
            Routed(ms, "r4", "k4"),
        ]), deadline: Deadline());

        Assert.Equal(1, ack.Accepted);
        Assert.Equal(
            [
                (0, "reply.lifetime_value", "must be a finite amount from 0 to 1000000000000000; it is -1"),
                (1, "reply.bot_transcript", "is 4001 characters long; the limit is 4000"),
                (2, "bot_escalated.automated_touches", "must be from 0 to 1000; it is 1001"),
                (3, "reply.intent", "is 201 characters long; the limit is 200"),
            ],
            ack.Rejected.Select(r => (r.Index, r.Field, r.Reason)));
    }

    [Theory]
    [InlineData("control", "control is required.")]
    [InlineData("trial_percent", "trial_percent must be from 0 to 100; it is 101.")]
    [InlineData("trial", "trial is required when trial_percent is above 0; it is 10.")]
    [InlineData("control.senior_queue_id", "control.senior_queue_id no queue 'vip' is configured for this tenant.")]
    [InlineData("control.overflow_queue_id", "control.overflow_queue_id is required.")]
    [InlineData("control.escalate_after_touches", "control.escalate_after_touches must be from 1 to 20; it is 0.")]
    [InlineData("control.senior_complaints", "control.senior_complaints must be from 1 to 100; it is 101.")]
    [InlineData(
        "control.senior_lifetime_value",
        "control.senior_lifetime_value must be a finite amount from 0 to 1000000000000000; it is -5.")]
    [InlineData(
        "control.complaint_window_seconds",
        "control.complaint_window_seconds must be from 60 to 31622400; it is 59.")]
    [InlineData("control.bot_intents[1]", "control.bot_intents[1] is required.")]
    [InlineData("trial.overflow_queue_id", "trial.overflow_queue_id no queue 'nowhere' is configured for this tenant.")]
    public async Task SetRoutingRules_BadField_FailsWithInvalidArgumentNamingIt(string field, string detail)
    {
        var tenant = ApiFixture.NewTenant("rules-bad");
        await Configure(tenant);
        var request = new RoutingConfig { Control = Rules() };
        switch (field)
        {
            case "control": request.Control = null; break;
            case "trial_percent": request.TrialPercent = 101; break;
            case "trial": request.TrialPercent = 10; break;
            case "control.senior_queue_id": request.Control.SeniorQueueId = "vip"; break;
            case "control.overflow_queue_id": request.Control.OverflowQueueId = ""; break;
            case "control.escalate_after_touches": request.Control.EscalateAfterTouches = 0; break;
            case "control.senior_complaints": request.Control.SeniorComplaints = 101; break;
            case "control.senior_lifetime_value": request.Control.SeniorLifetimeValue = -5; break;
            case "control.complaint_window_seconds": request.Control.ComplaintWindowSeconds = 59; break;
            case "control.bot_intents[1]": request.Control.BotIntents.Add(" "); break;
            case "trial.overflow_queue_id":
                request.Trial = Rules();
                request.Trial.OverflowQueueId = "nowhere";
                request.TrialPercent = 5;
                break;
        }

        var error = await Assert.ThrowsAsync<RpcException>(() => new Routing.RoutingClient(fixture.For(tenant))
            .SetRoutingRulesAsync(request, deadline: Deadline()).ResponseAsync);

        Assert.Equal((StatusCode.InvalidArgument, detail), (error.StatusCode, error.Status.Detail));
    }

    [Fact]
    public async Task SetRoutingRules_FirstThenAgain_SaysCreatedOnlyTheFirstTime()
    {
        var tenant = ApiFixture.NewTenant("rules-again");
        await Configure(tenant);
        var routing = new Routing.RoutingClient(fixture.For(tenant));

        var first = await routing.SetRoutingRulesAsync(new RoutingConfig { Control = Rules() }, deadline: Deadline());
        var second = await routing.SetRoutingRulesAsync(new RoutingConfig { Control = Rules() }, deadline: Deadline());

        Assert.Equal((true, false), (first.Created, second.Created));
    }

    [Fact]
    public async Task Connect_BadHello_EndsTheCallNamingTheFieldOrTheProblem()
    {
        var routed = ApiFixture.NewTenant("hello");
        await Configure(routed);
        await SetRules(routed, Rules());
        var plain = ApiFixture.NewTenant("hello-plain");
        await Configure(plain);

        await using var again = await AgentLine.Open(fixture.For(routed), "ana");
        await again.Send(new AgentMessage { Hello = new Hello { AgentId = "ana" } });
        var twice = await again.Ended();
        await using var unknown = await AgentLine.Open(fixture.For(routed), "zed");
        var missing = await unknown.Ended();
        await using var unrouted = await AgentLine.Open(fixture.For(plain), "ana");
        var precondition = await unrouted.Ended();
        await using var bad = await AgentLine.Open(fixture.For(routed), "has/slash");
        var invalid = await bad.Ended();

        Assert.Equal(
            (StatusCode.InvalidArgument, "kind must be ack or decline after the hello."),
            (twice.StatusCode, twice.Status.Detail));
        Assert.Equal(
            (StatusCode.NotFound, "hello.agent_id: no agent 'zed' is configured for this tenant."),
            (missing.StatusCode, missing.Status.Detail));
        Assert.Equal(
            (StatusCode.FailedPrecondition,
                "hello: the tenant has no routing rules; set them with Routing.SetRoutingRules."),
            (precondition.StatusCode, precondition.Status.Detail));
        Assert.Equal(
            (StatusCode.InvalidArgument, "hello.agent_id may not contain '/', white space or control characters."),
            (invalid.StatusCode, invalid.Status.Detail));
    }

    [Fact]
    public async Task Decline_OverTheStream_SendsTheConversationToTheOtherAgentAtOnce()
    {
        var tenant = ApiFixture.NewTenant("decline");
        await Configure(tenant);
        await SetRules(tenant, Rules());
        var t = fixture.NowMs;
        await using var ana = await AgentLine.Open(fixture.For(tenant), "ana");
        await using var ben = await AgentLine.Open(fixture.For(tenant), "ben");
        await new Ingest.IngestClient(fixture.For(tenant)).SubmitAsync(Events.Batch([
            Events.Presence(t - 600_000, "ana", Presence.Online),
            Events.Presence(t - 60_000, "ben", Presence.Online),
            Routed(t, "r1", "k1"),
        ]), deadline: Deadline());
        Assert.Equal("r1", (await ana.NextOffer()).ConversationId);

        var declined = await ana.Decline("r1");
        var offer = await ben.NextOffer();

        Assert.Equal(new Receipt { ConversationId = "r1", Accepted = true }, declined);
        Assert.Equal(("r1", 2, t), (offer.ConversationId, offer.Attempt, offer.OfferedAtMs));
    }

    /// <summary>Queues "overflow" and "senior" of an hour, agents ana and ben, a two-step sequence "welcome".</summary>
    private async Task Configure(string tenant, params (string Id, int WindowSeconds)[] queues)
    {
        await Tenants.Configure(
            fixture.For(tenant), [("overflow", 3600), ("senior", 3600), .. queues], ["ana", "ben"], []);
        var sequence = new SequenceConfig
        {
            SequenceId = "welcome", Channel = Channel.Email, TriggerSource = "abandoned cart",
        };
        sequence.Steps.AddRange([new SequenceStep { DelaySeconds = 0 }, new SequenceStep { DelaySeconds = 3600 }]);
        await new Configuration.ConfigurationClient(fixture.For(tenant))
            .UpsertSequenceAsync(sequence, deadline: Deadline());
    }

    private async Task SetRules(string tenant, RoutingRules control, RoutingRules? trial = null, int trialPercent = 0)
    {
        var created = await new Routing.RoutingClient(fixture.For(tenant)).SetRoutingRulesAsync(
            new RoutingConfig { Control = control, Trial = trial, TrialPercent = trialPercent },
            deadline: Deadline());
        Assert.True(created.Created);
    }

    /// <summary>The bot answers password resets; seniors get values above 5,000 and second complaints.</summary>
    private static RoutingRules Rules()
    {
        var rules = new RoutingRules
        {
            SeniorQueueId = "senior", OverflowQueueId = "overflow", SeniorLifetimeValue = 5_000, SeniorComplaints = 2,
        };
        rules.BotIntents.Add("password_reset");
        return rules;
    }

    private static Event Routed(
        long ms, string conversation, string contact, string intent = "", double value = 0, bool complaint = false,
        string transcript = "")
    {
        var e = Events.Reply(ms, conversation, "welcome", 2, "");
        e.Reply.ContactId = contact;
        e.Reply.Intent = intent;
        e.Reply.LifetimeValue = value;
        e.Reply.Complaint = complaint;
        e.Reply.BotTranscript = transcript;
        return e;
    }

    private static DateTime Deadline() => DateTime.UtcNow + Timeout;
}
