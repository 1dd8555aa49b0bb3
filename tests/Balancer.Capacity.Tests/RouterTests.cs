namespace Balancer.Capacity.Tests;

public sealed class RouterTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    private static readonly RoutingRules Rules = new() { BotIntents = ["password_reset", "shipping_status"] };

    [Fact]
    public void Router_BotIntent_GoesToTheBotIgnoringCase()
    {
        var decision = new Router(Rules, null, 0).Route(Reply("Password_Reset"));

        Assert.Equal(
            new RouteDecision(RouteTier.Bot, "bot", "intent 'Password_Reset' is the bot's", Router.ControlVariant),
            decision);
    }

    [Fact]
    public void Router_ThirdReplyOfABotConversation_EscalatesAfterTwoAutomatedTouches()
    {
        var router = new Router(Rules, null, 0);

        var decisions = Enumerable.Range(0, 3).Select(i => router.Route(Reply("password_reset", minutes: i))).ToList();

        Assert.Equal([RouteTier.Bot, RouteTier.Bot, RouteTier.Overflow], decisions.Select(d => d.Tier));
        Assert.Equal(("overflow", "escalated after 2 automated touches"), (decisions[2].QueueId, decisions[2].Rule));
    }

    [Fact]
    public void Router_EscalateAfterOneTouch_EscalatesTheSecondReply()
    {
        var router = new Router(Rules with { EscalateAfterTouches = 1 }, null, 0);

        router.Route(Reply("shipping_status"));
        var second = router.Route(Reply("shipping_status"));

        Assert.Equal((RouteTier.Overflow, "escalated after 1 automated touch"), (second.Tier, second.Rule));
    }

    [Fact]
    public void Router_TouchesCountPerConversation()
    {
        var router = new Router(Rules, null, 0);
        router.Route(Reply("password_reset"));
        router.Route(Reply("password_reset"));

        var other = router.Route(Reply("password_reset", conversation: "v2"));

        Assert.Equal(RouteTier.Bot, other.Tier);
    }

    [Fact]
    public void Router_LifetimeValueAboveTheThreshold_GoesSeniorBeforeTheBot()
    {
        var router = new Router(Rules, null, 0);

        var high = router.Route(Reply("password_reset", value: 12_000m));
        var equal = router.Route(Reply(null, value: 5_000m, conversation: "v2"));

        Assert.Equal(
            new RouteDecision(RouteTier.Senior, "senior", "lifetime value 12000 above 5000", Router.ControlVariant),
            high);
        Assert.Equal(RouteTier.Overflow, equal.Tier);
    }

    [Fact]
    public void Router_SecondComplaintWithinTheWindow_GoesSenior()
    {
        var router = new Router(Rules, null, 0);

        var first = router.Route(Reply(null, complaint: true));
        var second = router.Route(Reply(null, complaint: true, conversation: "v2", minutes: 60));
        var calm = router.Route(Reply(null, conversation: "v3", minutes: 120));

        Assert.Equal((RouteTier.Overflow, "no bot or senior rule matched"), (first.Tier, first.Rule));
        Assert.Equal((RouteTier.Senior, "2 complaints within 30 days, at least 2"), (second.Tier, second.Rule));
        Assert.Equal(RouteTier.Senior, calm.Tier);
    }

    [Fact]
    public void Router_ComplaintsOutsideTheWindow_DoNotCount()
    {
        var router = new Router(Rules, null, 0);
        router.Route(Reply(null, complaint: true));

        var later = router.Route(Reply(null, complaint: true, minutes: (int)TimeSpan.FromDays(30).TotalMinutes));

        Assert.Equal(RouteTier.Overflow, later.Tier);
    }

    [Fact]
    public void Router_RulesOff_SendEveryoneToOverflow()
    {
        var router = new Router(Rules with { SeniorLifetimeValue = null, SeniorComplaints = null }, null, 0);
        router.Route(Reply(null, complaint: true));

        var decision = router.Route(Reply(null, value: 1_000_000m, complaint: true));

        Assert.Equal(RouteTier.Overflow, decision.Tier);
    }

    [Fact]
    public void Router_Handoff_CarriesComplaintsTouchesAndTheTrigger()
    {
        var router = new Router(Rules, null, 0);
        router.Route(Reply(null, complaint: true, conversation: "old"));
        router.Route(Reply("password_reset"));
        router.Route(Reply("password_reset"));
        var reply = Reply("password_reset", value: 300m);
        router.Route(reply);

        var handoff = router.Handoff(reply, "abandoned cart", "transcript:v1");

        Assert.Equal(new HandoffContext("abandoned cart", "welcome", 2, "transcript:v1", 300m, 1, 2), handoff);
        Assert.True(handoff.Escalated);
    }

    [Fact]
    public void Router_TrialPercent_SplitsContactsStablyByTheirHash()
    {
        var router = new Router(Rules, Rules with { EscalateAfterTouches = 3 }, 30);
        var again = new Router(Rules, Rules, 30);

        var contacts = Enumerable.Range(0, 10_000).Select(i => $"c{i}").ToList();

        // c2, c3 and c4 hash to buckets 0, 19 and 14; c0, c1 and c5 to 30 or more.
        Assert.Equal(3015, contacts.Count(c => router.VariantOf(c) == Router.TrialVariant));
        Assert.All(contacts, c => Assert.Equal(router.VariantOf(c), again.VariantOf(c)));
        Assert.Equal(["trial", "trial", "trial"], new[] { "c2", "c3", "c4" }.Select(router.VariantOf));
        Assert.Equal(["control", "control", "control"], new[] { "c0", "c1", "c5" }.Select(router.VariantOf));
    }

    [Fact]
    public void Router_TrialContact_IsRoutedByTheTrialRules()
    {
        var router = new Router(Rules, Rules with { BotIntents = [], OverflowQueueId = "pool" }, 30);

        var trial = router.Route(Reply("password_reset", contact: "c2"));
        var control = router.Route(Reply("password_reset", contact: "c0"));

        Assert.Equal(new RouteDecision(RouteTier.Overflow, "pool", "no bot or senior rule matched", "trial"), trial);
        Assert.Equal((RouteTier.Bot, "control"), (control.Tier, control.Variant));
    }

    [Fact]
    public void Router_TrialAtTheEdges_TakesNobodyOrEverybody()
    {
        var none = new Router(Rules, Rules, 0);
        var all = new Router(Rules, Rules, 100);

        Assert.Equal(Router.ControlVariant, none.VariantOf("c2"));
        Assert.Equal(Router.TrialVariant, all.VariantOf("contact-1"));
    }

    [Fact]
    public void Router_Memory_ForgetsTheLeastRecentContact()
    {
        var router = new Router(Rules, null, 0, memory: 2);
        router.Route(Reply(null, complaint: true, contact: "a"));
        router.Route(Reply(null, complaint: true, contact: "b"));
        router.Route(Reply(null, complaint: true, contact: "a"));
        router.Route(Reply(null, complaint: true, contact: "c"));

        var a = router.Route(Reply(null, contact: "a"));
        var b = router.Route(Reply(null, complaint: true, contact: "b"));

        // a complained most recently before c came, so b was forgotten and its complaint is its first.
        Assert.Equal(RouteTier.Senior, a.Tier);
        Assert.Equal(RouteTier.Overflow, b.Tier);
    }

    [Fact]
    public void Router_ManyRepeatsOfFewContacts_KeepsRememberingThem()
    {
        var router = new Router(Rules with { SeniorComplaints = 3 }, null, 0, memory: 2);
        for (var i = 0; i < 5_000; i++)
        {
            router.Route(Reply(null, complaint: i % 2 == 0, contact: i % 2 == 0 ? "a" : "b", minutes: i));
        }

        // Past the stale stamps' rebuild, a (complaining every other minute) still has its last three.
        var a = router.Route(Reply(null, contact: "a", minutes: 5_000));
        var b = router.Route(Reply(null, contact: "b", minutes: 5_000));

        Assert.Equal((RouteTier.Senior, "3 complaints within 30 days, at least 3"), (a.Tier, a.Rule));
        Assert.Equal(RouteTier.Overflow, b.Tier);
    }

    [Fact]
    public void Router_Routes_AreTalliedPerVariant()
    {
        var router = new Router(Rules, Rules, 30);
        router.Route(Reply("password_reset", contact: "c2"));
        router.Route(Reply(null, contact: "c3", conversation: "v2"));
        router.Route(Reply(null, value: 9_000m, contact: "c0", conversation: "v3"));

        Assert.Equal(
            [new("control", 1, 0, 1, 0, 0, 0, null), new TrialFigures("trial", 2, 1, 0, 1, 0, 0, null)],
            router.Trial.Figures());
    }

    [Fact]
    public void Router_Reconfigure_RoutesByTheNewRulesAndKeepsComplaintsAndTouches()
    {
        var router = new Router(Rules, null, 0);
        router.Route(Reply(null, complaint: true, conversation: "old"));
        router.Route(Reply("password_reset"));
        router.Route(Reply("password_reset"));

        router.Reconfigure(Rules, Rules with { EscalateAfterTouches = 3, OverflowQueueId = "pool" }, 100);
        var third = router.Route(Reply("password_reset"));
        var complaint = router.Route(Reply(null, complaint: true, conversation: "v2"));

        // The third touch is the bot's under the new rules; the second complaint counts the first.
        Assert.Equal(
            new RouteDecision(RouteTier.Bot, "bot", "intent 'password_reset' is the bot's", "trial"), third);
        Assert.Equal((RouteTier.Senior, "senior"), (complaint.Tier, complaint.QueueId));
        Assert.Equal([new TrialFigures("trial", 2, 1, 1, 0, 0, 0, null)], router.Trial.Figures());
    }

    [Fact]
    public void Router_Observe_CountsAComplaintWithoutRoutingOrTallying()
    {
        var router = new Router(Rules, null, 0);

        router.Observe(Reply(null, complaint: true, conversation: "named"));
        var second = router.Route(Reply(null, complaint: true));

        Assert.Equal((RouteTier.Senior, "2 complaints within 30 days, at least 2"), (second.Tier, second.Rule));
        Assert.Equal(1, Assert.Single(router.Trial.Figures()).Routed);
    }

    [Fact]
    public void Router_BadArguments_Throw()
    {
        Assert.Throws<ArgumentException>(() => new Router(Rules, null, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Router(Rules, Rules, 101));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Router(Rules, null, 0, memory: 0));
        Assert.Throws<ArgumentException>(() => new Router(Rules, null, 0).Reconfigure(Rules, null, 5));
        var bad = Assert.Throws<ArgumentException>(() => new Router(Rules with { BotQueueId = "" }, null, 0));
        Assert.StartsWith("RoutingRules:BotQueueId must name a queue.", bad.Message);
    }

    private static InboundReply Reply(
        string? intent,
        decimal value = 100m,
        bool complaint = false,
        string contact = "contact-1",
        string conversation = "v1",
        int minutes = 0) =>
        new(conversation, contact, "welcome", 2, intent, value, complaint, Start + TimeSpan.FromMinutes(minutes));
}
