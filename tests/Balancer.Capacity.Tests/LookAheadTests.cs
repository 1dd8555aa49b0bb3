namespace Balancer.Capacity.Tests;

public sealed class LookAheadTests
{
    // A Tuesday, so the day's ceilings hold for the hours ahead.
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Handle = TimeSpan.FromMinutes(30);
    private static readonly CadenceOptions Options = new();

    private static readonly QueueSignal[] Queue =
        [new("overflow", TimeSpan.FromHours(2), false, 2, null, null, null)];

    // Agent a: 2 slots, on now for two hours and a half; agent b: 1 slot, from the next hour on.
    private static AgentOutlook A(int remaining = 100, int free = 2) =>
        new("a", true, 2, free, remaining, 100, [1, 1, 0.5, 0]);

    private static readonly AgentOutlook B = new("b", false, 1, 1, 100, 100, [0, 1, 1, 1]);

    private static CadenceInput Input(
        IReadOnlyList<AgentOutlook> agents, IReadOnlyList<SequenceSignal>? sequences = null, int waiting = 2) =>
        new(Now, Severity.Normal, false, null, sequences ?? [], new TeamCapacity(agents, Handle),
            [Queue[0] with { Waiting = waiting }], 3, [3, 3, 3, 3]);

    [Fact]
    public void LookAhead_WithoutTeamOrQueue_IsNull()
    {
        var input = new CadenceInput(Now, Severity.Normal, false, null, []);

        Assert.Null(LookAhead.Of(input, Options));
        Assert.Null(LookAhead.Of(input with { Team = new TeamCapacity([A()], Handle) }, Options));
    }

    [Fact]
    public void LookAhead_Capacity_FollowsEachAgentsRosterAtTheHandleTimesPace()
    {
        var ahead = LookAhead.Of(Input([A(), B]), Options)!;

        Assert.Equal([4.0, 6.0, 4.0, 2.0], ahead.Capacity);
    }

    [Fact]
    public void LookAhead_Capacity_StopsAtWhatTheDailyCeilingAllows()
    {
        var ahead = LookAhead.Of(Input([A(remaining: 5)]), Options)!;

        Assert.Equal([4.0, 1.0, 0.0, 0.0], ahead.Capacity);
    }

    [Fact]
    public void LookAhead_ChatDesk_IsNoCapacityForTheOtherQueues()
    {
        var chatDesk = new AgentOutlook("c", true, 3, 3, 100, 100, [1, 1, 1, 1], ["chat"]);

        var ahead = LookAhead.Of(Input([A(), chatDesk]), Options)!;

        Assert.Equal([4.0, 4.0, 2.0, 0.0], ahead.Capacity);
    }

    [Fact]
    public void LookAhead_Chat_LooksAtTheChatQueuesWithTheirHandleTimeAndTheSequencesThatFeedThem()
    {
        var chatDesk = new AgentOutlook("c", true, 3, 3, 100, 100, [1, 1], ["chat"]);
        SequenceSignal[] sequences =
        [
            new("nudge", false, true, 0, null, HumanMinutesPerSend: 0.5, DemandSendsPerHour: 200),
            new("email", false, false, 1, null, HumanMinutesPerSend: 1, DemandSendsPerHour: 10),
        ];
        QueueSignal chatQueue =
            new("chat", TimeSpan.FromMinutes(5), true, 1, null, null, null, TimeSpan.FromMinutes(10));
        var input = Input([A() with { Queues = ["overflow"] }, chatDesk], sequences) with
        {
            Queues = [Queue[0], chatQueue], ChatArrivalsPerHour = 6,
        };
        var directives = sequences.Select(s => new CadenceDirective(s.SequenceId, Grade.Normal, 1, null, "", false))
            .ToList();

        var ahead = LookAhead.Of(input, Options, chat: true)!;
        var budgets = LookAhead.Budgets(ahead, input, directives, Options);

        // Three chats at a time, ten minutes each: 18 an hour. Answered within five minutes of
        // arriving and taken up for ten: a quarter of an hour's 18, less a twelfth of an hour's 6 and
        // the one waiting, is room for 3 chats, 30 minutes of the desk, all for the nudge.
        Assert.Equal(
            (true, TimeSpan.FromMinutes(10), 18.0, 6.0),
            (ahead.Chat, ahead.HandleTime, ahead.Capacity[0], ahead.Load[0]));
        Assert.Equal(3.0, ahead.SpareAt(TimeSpan.Zero), 9);
        Assert.Equal([("nudge", 30.0)], budgets.Select(b => (b.SequenceId, Math.Round(b.MinutesPerHour, 9))));
    }

    [Fact]
    public void LookAhead_Ceiling_IsUsedUpByTheWorkProjectedNotByTheCapacity()
    {
        var agent = new AgentOutlook("a", true, 2, 2, 6, 100, [1, 1, 1, 1]);
        var input = Input([agent], waiting: 0) with { OtherArrivalsAhead = [1, 1, 1, 1] };

        var ahead = LookAhead.Of(input, Options)!;

        // One conversation an hour arrives, so six left for the day last: 4 an hour, then 3 in the last hour.
        Assert.Equal([4.0, 4.0, 4.0, 3.0], ahead.Capacity);
    }

    [Fact]
    public void LookAhead_HeldConversations_TakeHalfAHandleTimeOfTheFirstHour()
    {
        var ahead = LookAhead.Of(Input([A(free: 0)]), Options)!;

        Assert.Equal(3.0, ahead.Capacity[0]);
    }

    [Fact]
    public void LookAhead_Backlog_CarriesWhatEachHourCannotTake()
    {
        var ahead = LookAhead.Of(Input([A(), B], waiting: 6), Options)!;

        Assert.Equal([6.0, 5.0, 2.0, 1.0], ahead.Backlog);
    }

    [Fact]
    public void LookAhead_SpareAt_IsTheRoomOfTheWindowThatOpensWhenRepliesLand()
    {
        var ahead = LookAhead.Of(Input([A(), B]), Options)!;

        // From now: 4 + 6 + half of 4 (answered when taken up, so one handle time past the window)
        // less the window's load of 3 + 3 and the 2 waiting. An hour on: 6 + 4 + half of 2, less
        // 3 + 3 and the 1 still waiting then. Two hours on, nobody is rostered long enough.
        Assert.Equal(4.0, ahead.SpareAt(TimeSpan.Zero));
        Assert.Equal(4.0, ahead.SpareAt(TimeSpan.FromHours(1)));
        Assert.Equal(0.0, ahead.SpareAt(TimeSpan.FromHours(2)));
        Assert.Equal(120.0, ahead.SpareMinutesPerHour(TimeSpan.Zero));
        Assert.False(ahead.Short);
    }

    [Fact]
    public void LookAhead_Load_CountsEachSequencesRepliesToComeForAsLongAsItsLag()
    {
        SequenceSignal[] sequences =
        [
            new("s", false, false, HumanRepliesPerHour: 2, ConversionRate: null, HumanMinutesPerSend: 6,
                ReplyLag: TimeSpan.FromHours(2), SentPerHour: 20),
        ];
        var input = Input([A(), B], sequences) with { HumanArrivalsPerHour = 5, OtherArrivalsAhead = null };

        var ahead = LookAhead.Of(input, Options)!;

        // Twenty sends an hour at a fifth of a conversation each outweigh the two replies an hour now.
        Assert.Equal([7.0, 7.0, 3.0, 3.0], ahead.Load);
    }

    [Fact]
    public void LookAhead_BacklogBeyondTheDay_IsShortAndSaysSo()
    {
        var ahead = LookAhead.Of(Input([A(), B], waiting: 100), Options)!;

        Assert.True(ahead.Short);
        Assert.Equal(
            "look-ahead: 106 conversations waiting or due in the 2 h window from 0 h ahead " +
            "against 10 the staffed team can take",
            ahead.Describe(TimeSpan.Zero));
    }

    [Fact]
    public void LookAhead_Budgets_ProtectUrgentThenServeTheRestBeforeTheHeaviest()
    {
        SequenceSignal[] sequences =
        [
            new("urgent", true, false, 1, 0.3, HumanMinutesPerSend: 1, DemandSendsPerHour: 30),
            new("heavy", false, false, 10, 0.01, HumanMinutesPerSend: 2, DemandSendsPerHour: 100),
            new("light", false, false, 1, 0.10, HumanMinutesPerSend: 1, DemandSendsPerHour: 50),
        ];
        var input = Input([A(), B], sequences);
        var directives = sequences.Select(s => new CadenceDirective(s.SequenceId, Grade.Normal, 1, null, "", false))
            .ToList();

        var budgets = LookAhead.Budgets(LookAhead.Of(input, Options)!, input, directives, Options);

        // 120 spare minutes an hour: 30 to the urgent one, the light one's 50, the rest to the heaviest.
        Assert.Equal([30.0, 40.0, 50.0], budgets.Select(b => b.MinutesPerHour));
    }
}
