using Microsoft.Extensions.Time.Testing;

namespace Balancer.Capacity.Tests;

public sealed class AgentLedgerTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    private static readonly DateTimeOffset Midnight = new(2026, 12, 2, 0, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(Start);

    private readonly AgentLedger _agent = new();

    private DateTimeOffset Now => _time.GetUtcNow();

    [Fact]
    public void AgentLedger_New_HasDefaults()
    {
        Assert.Equal(1, _agent.Slots);
        Assert.Equal(30, _agent.DailyCeiling);
        Assert.Equal(0, _agent.SlotsInUse);
    }

    [Fact]
    public void AgentLedger_FirstResponses_HoldSlots()
    {
        _agent.RecordResponse("c1", true, false, Now);

        _agent.RecordResponse("c2", true, false, Now);

        Assert.Equal(2, _agent.SlotsInUse);
    }

    [Fact]
    public void AgentLedger_LaterResponse_HoldsNoSlot()
    {
        _agent.RecordResponse("c1", false, false, Now);

        Assert.Equal(0, _agent.SlotsInUse);
    }

    [Fact]
    public void AgentLedger_FirstResponseTwice_HoldsOneSlot()
    {
        _agent.RecordResponse("c1", true, false, Now);

        _agent.RecordResponse("c1", true, false, Now);

        Assert.Equal(1, _agent.SlotsInUse);
    }

    [Fact]
    public void AgentLedger_SlotHeld_UntilClosure()
    {
        _agent.RecordResponse("c1", true, false, Now);
        _agent.RecordResponse("c2", true, false, Now);
        _time.Advance(TimeSpan.FromHours(3));
        var beforeClosure = _agent.SlotsInUse;

        _agent.RecordClosure("c1", Now);

        Assert.Equal(2, beforeClosure);
        Assert.Equal(1, _agent.SlotsInUse);
    }

    [Fact]
    public void AgentLedger_ClosureOfUnheldConversation_FreesNothing()
    {
        _agent.RecordResponse("c1", true, false, Now);

        _agent.RecordClosure("other", Now);

        Assert.Equal(1, _agent.SlotsInUse);
    }

    [Fact]
    public void AgentLedger_FirstResponsesAndClosures_AreCountedOverWindows()
    {
        _agent.RecordResponse("c1", true, false, Now);
        _agent.RecordResponse("c1", false, false, Now);
        _agent.RecordClosure("c1", Now);
        _time.Advance(TimeSpan.FromMinutes(20));

        _agent.RecordClosure("c2", Now);

        Assert.Equal(new Windowed<long>(0, 1, 1), _agent.FirstResponses(Now));
        Assert.Equal(new Windowed<long>(1, 2, 2), _agent.Closures(Now));
    }

    [Fact]
    public void AgentLedger_RepliesToday_CountsEveryResponse()
    {
        _agent.RecordResponse("c1", true, false, Now);
        _agent.RecordResponse("c1", false, false, Now);

        _agent.RecordResponse("c2", true, true, Now);

        Assert.Equal(3, _agent.RepliesToday(Now));
    }

    [Fact]
    public void AgentLedger_RepliesTodayOneTickBeforeMidnight_StillCountsDay()
    {
        _agent.RecordResponse("c1", true, false, Now);
        _agent.RecordResponse("c2", true, false, Midnight - TimeSpan.FromTicks(1));

        var replies = _agent.RepliesToday(Midnight - TimeSpan.FromTicks(1));

        Assert.Equal(2, replies);
    }

    [Fact]
    public void AgentLedger_RepliesTodayAtUtcMidnight_ResetsToZero()
    {
        _agent.RecordResponse("c1", true, false, Now);
        _agent.RecordResponse("c2", true, false, Now);

        _time.Advance(Midnight - Now);

        Assert.Equal(0, _agent.RepliesToday(Now));
    }

    [Fact]
    public void AgentLedger_ResponseAfterMidnight_StartsNewDayCount()
    {
        _agent.RecordResponse("c1", true, false, Now);
        _agent.RecordResponse("c2", true, false, Now);

        _agent.RecordResponse("c3", true, false, Midnight + TimeSpan.FromMinutes(10));

        Assert.Equal(1, _agent.RepliesToday(Midnight + TimeSpan.FromMinutes(10)));
    }

    [Fact]
    public void AgentLedger_RepliesToday_FollowsUtcDayNotLocalOffset()
    {
        var lateUtc = new DateTimeOffset(2026, 12, 1, 23, 30, 0, TimeSpan.Zero);
        _agent.RecordResponse("c1", true, false, lateUtc);
        var sameUtcDayLocallyTomorrow = new DateTimeOffset(2026, 12, 2, 1, 45, 0, TimeSpan.FromHours(2));
        _agent.RecordResponse("c2", true, false, sameUtcDayLocallyTomorrow);
        var sameDay = _agent.RepliesToday(sameUtcDayLocallyTomorrow);

        var nextUtcDayLocallyToday = new DateTimeOffset(2026, 12, 1, 19, 0, 0, TimeSpan.FromHours(-5));

        Assert.Equal(2, sameDay);
        Assert.Equal(0, _agent.RepliesToday(nextUtcDayLocallyToday));
    }

    [Fact]
    public void AgentLedger_EscalatedShareWithoutResponses_IsNull()
    {
        Assert.Null(_agent.EscalatedShare(Now));
    }

    [Fact]
    public void AgentLedger_EscalatedShare_IsEscalatedOverAllResponses()
    {
        _agent.RecordResponse("c1", true, true, Now);
        _agent.RecordResponse("c2", true, false, Now);
        _agent.RecordResponse("c2", false, false, Now);

        _agent.RecordResponse("c3", true, false, Now);

        Assert.Equal(0.25, _agent.EscalatedShare(Now));
    }

    [Fact]
    public void AgentLedger_EscalatedShare_IsOverTwentyFourHours()
    {
        _agent.RecordResponse("c1", true, true, Now);
        _time.Advance(TimeSpan.FromHours(12));
        _agent.RecordResponse("c2", true, false, Now);
        var bothInDay = _agent.EscalatedShare(Now);

        _time.Advance(TimeSpan.FromHours(12));

        Assert.Equal(0.5, bothInDay);
        Assert.Equal(0.0, _agent.EscalatedShare(Now));
    }

    [Fact]
    public void AgentLedger_HandleTime_IsMeanHoldOfTimedClosures()
    {
        Assert.Null(_agent.HandleTime(Now));
        _agent.RecordResponse("c1", true, false, Now);
        _agent.RecordResponse("c2", true, false, Now);
        _time.Advance(TimeSpan.FromMinutes(4));
        _agent.RecordClosure("c1", Now);
        _time.Advance(TimeSpan.FromMinutes(4));
        _agent.RecordClosure("c2", Now);

        // A closure of a conversation this agent never answered has no hold to time.
        _agent.RecordClosure("unseen", Now);

        Assert.Equal(TimeSpan.FromMinutes(6), _agent.HandleTime(Now)); // (4 + 8) / 2
        Assert.Equal(3, _agent.Closures(Now).OneHour);
    }

    [Fact]
    public void AgentLedger_HandleTime_ForgetsClosuresOlderThanADay()
    {
        _agent.RecordResponse("c1", true, false, Now);
        _time.Advance(TimeSpan.FromMinutes(10));
        _agent.RecordClosure("c1", Now);

        _time.Advance(TimeSpan.FromHours(25));

        Assert.Null(_agent.HandleTime(Now));
    }
}
