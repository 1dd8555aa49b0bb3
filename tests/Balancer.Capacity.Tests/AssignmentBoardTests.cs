namespace Balancer.Capacity.Tests;

public sealed class AssignmentBoardTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void AssignmentBoard_Dispatch_OffersToTheMostFreeSlotsThenTheMostRoomUnderTheCeiling()
    {
        var board = Board(Agent("a", slots: 3), Agent("b", slots: 1));
        Enqueue(board, "c1", "c2", "c3");

        var offers = board.Dispatch(Start);

        // a: 3 free, then 2 against b's 1; then 1 each, and b's 30 left today beat a's 28.
        Assert.Equal([("c1", "a"), ("c2", "a"), ("c3", "b")], offers.Select(o => (o.ConversationId, o.AgentId)));
    }

    [Fact]
    public void AssignmentBoard_EqualSpare_GoesToTheLongestIdle()
    {
        var board = new AssignmentBoard(new AssignmentOptions(), new PriorityScore(new PriorityOptions()));
        board.UpsertAgent(Agent("a", slots: 1));
        board.UpsertAgent(Agent("b", slots: 1));
        board.SetPresence("a", true, Start - TimeSpan.FromMinutes(1));
        board.SetPresence("b", true, Start - TimeSpan.FromMinutes(10));
        Enqueue(board, "c1");

        var first = board.Dispatch(Start);
        Enqueue(board, "c2");
        var second = board.Dispatch(Start);

        Assert.Equal("b", Assert.Single(first).AgentId);
        Assert.Equal("a", Assert.Single(second).AgentId);
    }

    [Fact]
    public void AssignmentBoard_OnePriority_OffersTheOldestFirstAndHigherPriorityBeforeIt()
    {
        var board = Board(Agent("a", slots: 5));
        board.Enqueue(Conversation("new", arrived: Start - TimeSpan.FromMinutes(1)));
        board.Enqueue(Conversation("old", arrived: Start - TimeSpan.FromMinutes(9)));
        board.Enqueue(Conversation("vip", arrived: Start, value: 1_000_000m));

        var offers = board.Dispatch(Start);

        // The others score 0.15 × 9/240 = 0.0056 and 0.15 × 1/240 = 0.0006, one band of 0.05; the
        // vip's value scores 0.25 × 1000000 / 1001000 = 0.2498.
        Assert.Equal(["vip", "old", "new"], offers.Select(o => o.ConversationId));
        Assert.Equal(0.25 * 1_000_000 / 1_001_000, offers[0].Priority, 12);
        Assert.Equal(0.15 * 9 / 240, offers[1].Priority, 12);
    }

    [Fact]
    public void AssignmentBoard_Offer_CarriesItsDeadlineForAcknowledgementAndTheContext()
    {
        var board = Board(Agent("a"));
        var conversation = Conversation("c1", touches: 2);
        board.Enqueue(conversation);

        var offer = Assert.Single(board.Dispatch(Start));

        Assert.Equal(
            new AssignmentOffer("c1", "overflow", "a", Start, Start + TimeSpan.FromSeconds(30), 1, offer.Priority,
                conversation.Context, Start + TimeSpan.FromHours(8)),
            offer);
    }

    [Fact]
    public void AssignmentBoard_OfflineAgent_IsNeverOffered()
    {
        var board = Board(Agent("a", slots: 5), Agent("b", slots: 1));
        board.SetPresence("a", false, Start);
        Enqueue(board, "c1", "c2");

        var offers = board.Dispatch(Start);

        Assert.Equal(("c1", "b"), (Assert.Single(offers).ConversationId, offers[0].AgentId));
        Assert.Equal(1, board.WaitingCount);
    }

    [Fact]
    public void AssignmentBoard_AgentGoesOffline_ReturnsTheUnansweredWithTheirOriginalAge()
    {
        var board = Board(Agent("a", slots: 2), Agent("b", slots: 2));
        board.SetPresence("b", false, Start);
        board.Enqueue(Conversation("c1", arrived: Start - TimeSpan.FromMinutes(5)));
        board.Enqueue(Conversation("c2", arrived: Start - TimeSpan.FromMinutes(4)));
        board.Dispatch(Start);
        board.Answered("c1", Start + TimeSpan.FromMinutes(1));

        board.SetPresence("a", false, Start + TimeSpan.FromMinutes(2));
        board.SetPresence("b", true, Start + TimeSpan.FromMinutes(2));

        Assert.Equal(1, board.WaitingCount);
        Assert.Equal(TimeSpan.FromMinutes(6), board.OldestWait(Start + TimeSpan.FromMinutes(2)));
        Assert.Equal(1, board.Loads(Start)[0].Assigned);
        var again = Assert.Single(board.Dispatch(Start + TimeSpan.FromMinutes(2)));
        Assert.Equal(("c2", "b", 2), (again.ConversationId, again.AgentId, again.Attempt));
    }

    [Fact]
    public void AssignmentBoard_UnacknowledgedAtTheTimeout_GoesToAnotherAgent()
    {
        var board = Board(Agent("a"), Agent("b"));
        Enqueue(board, "c1");
        var first = Assert.Single(board.Dispatch(Start));

        var before = board.Dispatch(Start + TimeSpan.FromSeconds(29));
        var after = Assert.Single(board.Dispatch(Start + TimeSpan.FromSeconds(30)));

        Assert.Empty(before);
        Assert.Equal(("a", "b", 2), (first.AgentId, after.AgentId, after.Attempt));
        Assert.False(board.Acknowledge("c1", "a", Start + TimeSpan.FromSeconds(31)));
    }

    [Fact]
    public void AssignmentBoard_AcknowledgedButUnansweredAtReassignAfter_GoesToAnotherAgent()
    {
        var board = Board(Agent("a"), Agent("b"));
        Enqueue(board, "c1");
        board.Dispatch(Start);
        Assert.True(board.Acknowledge("c1", "a", Start + TimeSpan.FromSeconds(10)));

        var kept = board.Dispatch(Start + TimeSpan.FromMinutes(9));
        var moved = Assert.Single(board.Dispatch(Start + TimeSpan.FromMinutes(10)));

        Assert.Empty(kept);
        Assert.Equal("b", moved.AgentId);
    }

    [Fact]
    public void AssignmentBoard_Answered_StaysWithItsAgent()
    {
        var board = Board(Agent("a"), Agent("b"));
        Enqueue(board, "c1");
        board.Dispatch(Start);
        board.Answered("c1", Start + TimeSpan.FromSeconds(20));

        Assert.Empty(board.Dispatch(Start + TimeSpan.FromHours(1)));
        Assert.Equal(0, board.WaitingCount);
    }

    [Fact]
    public void AssignmentBoard_TimedOutWithNobodyElse_IsOfferedBackToTheSameAgent()
    {
        var board = Board(Agent("a"));
        Enqueue(board, "c1");
        board.Dispatch(Start);

        var again = Assert.Single(board.Dispatch(Start + TimeSpan.FromSeconds(30)));

        Assert.Equal(("a", 2), (again.AgentId, again.Attempt));
    }

    [Fact]
    public void AssignmentBoard_DailyCeiling_CountsHeldAndResolvedAndResetsAtTheUtcDay()
    {
        var board = Board(Agent("a", slots: 5, ceiling: 2));
        Enqueue(board, "c1", "c2", "c3");

        var first = board.Dispatch(Start);
        board.Resolved("c1", Start + TimeSpan.FromMinutes(5));
        board.Resolved("c2", Start + TimeSpan.FromMinutes(6));
        var same = board.Dispatch(Start + TimeSpan.FromMinutes(7));
        var nextDay = board.Dispatch(new DateTimeOffset(2026, 12, 2, 0, 0, 0, TimeSpan.Zero));

        Assert.Equal(["c1", "c2"], first.Select(o => o.ConversationId));
        Assert.Empty(same);
        Assert.Equal("c3", Assert.Single(nextDay).ConversationId);
    }

    [Fact]
    public void AssignmentBoard_SeniorWork_GoesOnlyToSeniorAgents()
    {
        var board = Board(Agent("std", slots: 5), Agent("sen", tier: AgentTier.Senior, slots: 1));
        board.Enqueue(Conversation("s1", queue: "senior", tier: AgentTier.Senior));
        board.Enqueue(Conversation("s2", queue: "senior", tier: AgentTier.Senior));

        var offers = board.Dispatch(Start);

        Assert.Equal(("s1", "sen"), (Assert.Single(offers).ConversationId, offers[0].AgentId));
        Assert.Equal(1, board.WaitingIn("senior"));
    }

    [Fact]
    public void AssignmentBoard_Overflow_GoesToAnyHumanTier()
    {
        var board = Board(Agent("con", tier: AgentTier.Contractor, slots: 1), Agent("sen", tier: AgentTier.Senior));
        Enqueue(board, "c1", "c2");

        Assert.Equal(["con", "sen"], board.Dispatch(Start).Select(o => o.AgentId).Order());
    }

    [Fact]
    public void AssignmentBoard_AgentServingOtherQueues_IsNotOffered()
    {
        var board = Board(Agent("p", queues: ["premium"]));
        Enqueue(board, "c1");
        board.Enqueue(Conversation("p1", queue: "premium"));

        var offer = Assert.Single(board.Dispatch(Start));

        Assert.Equal("p1", offer.ConversationId);
        Assert.Equal((1, 0), (board.WaitingIn("overflow"), board.WaitingIn("premium")));
    }

    [Fact]
    public void AssignmentBoard_Loads_ShowAssignedFreeHandledAndEscalatedShare()
    {
        var board = Board(Agent("a", slots: 3, ceiling: 10), Agent("b", tier: AgentTier.Senior));
        board.SetPresence("b", false, Start);
        board.Enqueue(Conversation("e1", touches: 2));
        board.Enqueue(Conversation("h1"));
        board.Enqueue(Conversation("h2"));
        board.Dispatch(Start);
        board.Resolved("e1", Start + TimeSpan.FromMinutes(3));
        board.Resolved("h1", Start + TimeSpan.FromMinutes(4));

        Assert.Equal(
            [
                new("a", AgentTier.Standard, true, 1, 2, 2, 7, 0.5),
                new AgentLoad("b", AgentTier.Senior, false, 0, 2, 0, 30, null),
            ],
            board.Loads(Start + TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public void AssignmentBoard_ResolvedWhileWaiting_LeavesWithoutCounting()
    {
        var board = Board(Agent("a"));
        board.SetPresence("a", false, Start);
        Enqueue(board, "c1");

        Assert.True(board.Resolved("c1", Start));
        Assert.False(board.Resolved("c1", Start));
        Assert.Equal((0, (TimeSpan?)null), (board.WaitingCount, board.OldestWait(Start)));
        Assert.Equal(0, board.Loads(Start)[0].HandledToday);
    }

    [Fact]
    public void AssignmentBoard_UnknownOrRepeated_AreRefused()
    {
        var board = Board(Agent("a"));
        Enqueue(board, "c1");

        Assert.False(board.Enqueue(Conversation("c1")));
        Assert.False(board.Acknowledge("c1", "a", Start));
        Assert.False(board.Answered("c1", Start));
        Assert.False(board.Acknowledge("nope", "a", Start));
        Assert.Throws<KeyNotFoundException>(() => board.SetPresence("nobody", true, Start));
    }

    [Fact]
    public void AssignmentBoard_WrongAgentAcknowledging_IsRefused()
    {
        var board = Board(Agent("a"), Agent("b"));
        Enqueue(board, "c1");
        var offer = Assert.Single(board.Dispatch(Start));

        Assert.False(board.Acknowledge("c1", offer.AgentId == "a" ? "b" : "a", Start));
        Assert.True(board.Acknowledge("c1", offer.AgentId, Start));
    }

    [Fact]
    public void AssignmentBoard_AcknowledgementAtItsDeadline_IsRefusedBeforeAnyDispatchReturnsIt()
    {
        var board = Board(Agent("a"));
        Enqueue(board, "c1", "c2");
        board.Dispatch(Start);

        Assert.True(board.Acknowledge("c1", "a", Start + TimeSpan.FromSeconds(29)));
        Assert.False(board.Acknowledge("c2", "a", Start + TimeSpan.FromSeconds(30)));
        Assert.True(board.Acknowledge("c1", "a", Start + TimeSpan.FromSeconds(40)));
    }

    [Fact]
    public void AssignmentBoard_Declined_GoesToAnotherAgentAtOnceWithItsAge()
    {
        var board = Board(Agent("a"), Agent("b", slots: 1));
        board.Enqueue(Conversation("c1", arrived: Start - TimeSpan.FromMinutes(3)));
        var first = Assert.Single(board.Dispatch(Start));
        var declinedAt = Start + TimeSpan.FromSeconds(2);

        Assert.True(board.Decline("c1", "a", declinedAt));
        Assert.Equal(TimeSpan.FromSeconds(182), board.OldestWait(declinedAt));
        Assert.False(board.Decline("c1", "a", declinedAt));
        var again = Assert.Single(board.Dispatch(declinedAt));

        Assert.Equal(("a", "b", 2), (first.AgentId, again.AgentId, again.Attempt));
    }

    [Fact]
    public void AssignmentBoard_AnsweredOrDeclined_CannotBeDeclinedOrTakenByOthers()
    {
        var board = Board(Agent("a"), Agent("b"));
        Enqueue(board, "c1");
        var offer = Assert.Single(board.Dispatch(Start));
        board.Answered("c1", Start + TimeSpan.FromSeconds(5));

        Assert.False(board.Decline("c1", offer.AgentId, Start + TimeSpan.FromSeconds(6)));
        Assert.False(board.Decline("nope", offer.AgentId, Start));
    }

    [Fact]
    public void AssignmentBoard_WaitingAnsweredByAnAgent_StaysWithThatAgent()
    {
        var board = Board(Agent("a"), Agent("b"));
        board.SetPresence("a", false, Start);
        board.SetPresence("b", false, Start);
        Enqueue(board, "c1");

        Assert.False(board.Answered("c1", "nobody", Start));
        Assert.False(board.Answered("nope", "b", Start));
        Assert.True(board.Answered("c1", "b", Start + TimeSpan.FromSeconds(3)));

        board.SetPresence("a", true, Start + TimeSpan.FromSeconds(4));
        Assert.Equal(0, board.WaitingCount);
        Assert.Equal([0, 1], board.Loads(Start).Select(l => l.Assigned));
        Assert.Empty(board.Dispatch(Start + TimeSpan.FromSeconds(4)));
    }

    [Fact]
    public void AssignmentBoard_AnsweredByAnotherAgentThanOffered_FreesTheOfferedSlot()
    {
        var board = Board(Agent("a", slots: 1), Agent("b", slots: 1));
        Enqueue(board, "c1");
        var offer = Assert.Single(board.Dispatch(Start));
        var other = offer.AgentId == "a" ? "b" : "a";

        Assert.True(board.Answered("c1", other, Start + TimeSpan.FromSeconds(10)));

        var loads = board.Loads(Start).ToDictionary(l => l.AgentId, l => l.Assigned);
        Assert.Equal((0, 1), (loads[offer.AgentId], loads[other]));
        Assert.Empty(board.Dispatch(Start + TimeSpan.FromHours(1)));
        Assert.False(board.Answered("c1", offer.AgentId, Start + TimeSpan.FromSeconds(20)));
        Assert.Equal(1, board.Loads(Start).Single(l => l.AgentId == other).Assigned);
    }

    [Fact]
    public void AssignmentBoard_QueueOf_NamesTheQueueOfWhatItHolds()
    {
        var board = Board(Agent("a"));
        board.Enqueue(Conversation("c1", queue: "premium"));

        Assert.Equal("premium", board.QueueOf("c1"));
        Assert.Null(board.QueueOf("c2"));
    }

    [Fact]
    public void AssignmentBoard_OffersTo_GivesTheAgentsOpenOffersAsMadeAndLeavesOutTheAnsweredAndTimedOut()
    {
        var board = Board(Agent("a", slots: 3));
        Enqueue(board, "c1", "c2", "c3");
        var made = board.Dispatch(Start);
        board.Answered("c2", Start + TimeSpan.FromSeconds(1));
        board.Acknowledge("c3", "a", Start + TimeSpan.FromSeconds(1));

        var open = board.OffersTo("a", Start + TimeSpan.FromSeconds(10));
        var later = board.OffersTo("a", Start + TimeSpan.FromSeconds(30));

        Assert.Equal([made[0], made[2]], open);
        Assert.Equal([made[2]], later);
        Assert.Empty(board.OffersTo("nobody", Start));
    }

    [Fact]
    public void AssignmentOptions_Defaults_AreThirtySecondsAndTenMinutes()
    {
        var options = new AssignmentOptions();

        Assert.Equal(
            (TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(10), 0.05),
            (options.AckTimeout, options.ReassignAfter, options.PriorityBand));
        Assert.Equal("Balancer:Assignment", AssignmentOptions.Section);
        Assert.Empty(options.Validate());
    }

    [Fact]
    public void AssignmentOptions_OutOfRange_NameEachOption()
    {
        var options = new AssignmentOptions
        {
            AckTimeout = TimeSpan.FromMinutes(5),
            ReassignAfter = TimeSpan.FromMinutes(2),
            PriorityBand = 0,
        };

        Assert.Equal(
            [
                "Balancer:Assignment:ReassignAfter must be above AckTimeout; it is 00:02:00 against 00:05:00.",
                "Balancer:Assignment:PriorityBand must be above 0 and at most 1; it is 0.",
            ],
            options.Validate());
        Assert.Equal(
            "Balancer:Assignment:AckTimeout must be from 1 second to 10 minutes; it is 00:00:00.",
            Assert.Single(new AssignmentOptions { AckTimeout = TimeSpan.Zero }.Validate()));
    }

    /// <summary>A board whose agents all came online at the same moment, an hour before the start.</summary>
    private static AssignmentBoard Board(params AgentProfile[] agents)
    {
        var board = new AssignmentBoard(new AssignmentOptions(), new PriorityScore(new PriorityOptions()));
        foreach (var agent in agents)
        {
            board.UpsertAgent(agent);
            board.SetPresence(agent.AgentId, true, Start - TimeSpan.FromHours(1));
        }

        return board;
    }

    private static void Enqueue(AssignmentBoard board, params string[] ids)
    {
        foreach (var (id, i) in ids.Select((id, i) => (id, i)))
        {
            board.Enqueue(Conversation(id, arrived: Start - TimeSpan.FromMinutes(ids.Length - i)));
        }
    }

    private static AgentProfile Agent(
        string id, AgentTier tier = AgentTier.Standard, int slots = 2, int ceiling = 30, string[]? queues = null) =>
        new(id, tier, slots, ceiling, queues ?? []);

    /// <summary>Deadlines eight hours out, so only wait and value move the score.</summary>
    private static WaitingConversation Conversation(
        string id,
        string queue = "overflow",
        AgentTier? tier = null,
        DateTimeOffset? arrived = null,
        decimal value = 0m,
        int touches = 0) =>
        new(id, queue, tier, arrived ?? Start, Start + TimeSpan.FromHours(8),
            new HandoffContext("sign-up", "welcome", 2, touches > 0 ? "t:" + id : null, value, 0, touches));
}
