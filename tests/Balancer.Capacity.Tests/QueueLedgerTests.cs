using Microsoft.Extensions.Time.Testing;

namespace Balancer.Capacity.Tests;

public sealed class QueueLedgerTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    private static readonly TimeSpan ReplyWindow = TimeSpan.FromMinutes(10);

    private static readonly TimeSpan OneTick = TimeSpan.FromTicks(1);

    private static readonly Attribution Source = new("seq-1", 2);

    private readonly FakeTimeProvider _time = new(Start);

    private readonly QueueLedger _ledger = new(ReplyWindow);

    private readonly List<Breach> _breaches = [];

    private DateTimeOffset Now => _time.GetUtcNow();

    private static DateTimeOffset At(int minutes) => Start + TimeSpan.FromMinutes(minutes);

    private static Windowed<long> All(long count) => new(count, count, count);

    private void OpenMany(int count, DateTimeOffset at)
    {
        for (var i = 0; i < count; i++)
        {
            _ledger.Open($"c{i}", Source, false, at);
        }
    }

    [Fact]
    public void QueueLedger_Open_NewConversationWaits()
    {
        var kind = _ledger.Open("c1", Source, false, Now);

        Assert.Equal(OpenKind.Opened, kind);
        Assert.Equal(1, _ledger.Waiting);
        Assert.Equal(1, _ledger.OpenCount);
    }

    [Fact]
    public void QueueLedger_OpenTwice_IsAlreadyOpenAndKeepsClock()
    {
        _ledger.Open("c1", Source, false, Now);
        _time.Advance(TimeSpan.FromMinutes(5));

        var kind = _ledger.Open("c1", Source, false, Now);

        Assert.Equal(OpenKind.AlreadyOpen, kind);
        Assert.Equal(1, _ledger.Waiting);
        Assert.Equal(TimeSpan.FromMinutes(5), _ledger.NextBreachIn(Now));
    }

    [Fact]
    public void QueueLedger_AdvanceOneTickBeforeDeadline_CountsNoBreach()
    {
        _ledger.Open("c1", Source, false, Now);
        _time.Advance(ReplyWindow - OneTick);

        var count = _ledger.Advance(Now, _breaches);

        Assert.Equal(0, count);
        Assert.Empty(_breaches);
        Assert.Equal(All(0), _ledger.Breached(Now));
    }

    [Fact]
    public void QueueLedger_AdvanceAtDeadline_CountsBreach()
    {
        _ledger.Open("c1", Source, false, Now);
        _time.Advance(ReplyWindow);

        var count = _ledger.Advance(Now, _breaches);

        Assert.Equal(1, count);
        Assert.Equal([new Breach("c1", Source, At(10))], _breaches);
        Assert.Equal(All(1), _ledger.Breached(Now));
        Assert.Equal(1, _ledger.Waiting);
    }

    [Fact]
    public void QueueLedger_AdvanceLongAfterDeadline_StampsBreachAtDeadline()
    {
        _ledger.Open("c1", Source, false, Now);
        _time.Advance(TimeSpan.FromMinutes(30));

        _ledger.Advance(Now, _breaches);

        Assert.Equal(At(10), Assert.Single(_breaches).Deadline);
        Assert.Equal(new Windowed<long>(0, 1, 1), _ledger.Breached(Now));
    }

    [Fact]
    public void QueueLedger_AdvanceAgain_DoesNotCountBreachTwice()
    {
        _ledger.Open("c1", Source, false, Now);
        _time.Advance(ReplyWindow);
        _ledger.Advance(Now, _breaches);
        _time.Advance(TimeSpan.FromMinutes(1));

        var count = _ledger.Advance(Now, _breaches);

        Assert.Equal(0, count);
        Assert.Single(_breaches);
        Assert.Equal(All(1), _ledger.Breached(Now));
    }

    [Fact]
    public void QueueLedger_ResponseOneTickBeforeDeadline_CountsMet()
    {
        _ledger.Open("c1", Source, true, Now);
        _time.Advance(ReplyWindow - OneTick);

        var outcome = _ledger.Respond("c1", "agent-1", Now);

        Assert.Equal(new ResponseOutcome(ResponseKind.InTime, Source, true, ReplyWindow - OneTick), outcome);
        Assert.Equal(All(1), _ledger.Met(Now));
        Assert.Equal(All(0), _ledger.Breached(Now));
        Assert.Equal(0, _ledger.Waiting);
    }

    [Fact]
    public void QueueLedger_InTimeResponse_IsNeverBreachedByAdvance()
    {
        _ledger.Open("c1", Source, false, Now);
        _ledger.Respond("c1", "agent-1", At(5));
        _time.Advance(ReplyWindow);

        var count = _ledger.Advance(Now, _breaches);

        Assert.Equal(0, count);
        Assert.Equal(All(0), _ledger.Breached(Now));
    }

    [Fact]
    public void QueueLedger_ResponseAtDeadlineBeforeAdvance_CountsLateBreach()
    {
        _ledger.Open("c1", Source, false, Now);
        _time.Advance(ReplyWindow);

        var outcome = _ledger.Respond("c1", "agent-1", Now);

        Assert.Equal(ResponseKind.LateBreach, outcome.Kind);
        Assert.Equal(1, outcome.BreachDelta);
        Assert.Equal(All(1), _ledger.Breached(Now));
        Assert.Equal(All(0), _ledger.Met(Now));
    }

    [Fact]
    public void QueueLedger_LateBreach_IsNotCountedAgainByAdvance()
    {
        _ledger.Open("c1", Source, false, Now);
        _time.Advance(TimeSpan.FromMinutes(12));
        _ledger.Respond("c1", "agent-1", Now);

        var count = _ledger.Advance(Now, _breaches);

        Assert.Equal(0, count);
        Assert.Equal(All(1), _ledger.Breached(Now));
    }

    [Fact]
    public void QueueLedger_LateResponseAfterBreach_CountsNothingNew()
    {
        _ledger.Open("c1", Source, false, Now);
        _time.Advance(ReplyWindow);
        _ledger.Advance(Now, _breaches);
        _time.Advance(TimeSpan.FromMinutes(2));

        var outcome = _ledger.Respond("c1", "agent-1", Now);

        Assert.Equal(new ResponseOutcome(ResponseKind.Late, Source, false, TimeSpan.FromMinutes(12)), outcome);
        Assert.Equal(0, outcome.BreachDelta);
        Assert.Equal(All(1), _ledger.Breached(Now));
        Assert.Equal(All(0), _ledger.Met(Now));
    }

    [Fact]
    public void QueueLedger_ResponseStampedBeforeDeadlineAfterAdvance_IsRevoked()
    {
        _ledger.Open("c1", Source, false, Now);
        _time.Advance(ReplyWindow);
        _ledger.Advance(Now, _breaches);

        var outcome = _ledger.Respond("c1", "agent-1", At(9));

        Assert.Equal(new ResponseOutcome(ResponseKind.Revoked, Source, false, TimeSpan.FromMinutes(9)), outcome);
        Assert.Equal(-1, outcome.BreachDelta);
        Assert.Equal(All(0), _ledger.Breached(Now));
        Assert.Equal(All(1), _ledger.Met(Now));
    }

    [Fact]
    public void QueueLedger_Revocation_LowersBreachRate()
    {
        OpenMany(4, Now);
        for (var i = 0; i < 3; i++)
        {
            _ledger.Respond($"c{i}", "agent-1", At(5));
        }

        _time.Advance(ReplyWindow);
        _ledger.Advance(Now, _breaches);
        var before = _ledger.BreachRate(RollingWindow.FifteenMinutes, Now, 1);

        _ledger.Respond("c3", "agent-1", At(8));

        Assert.Equal(0.25, before);
        Assert.Equal(0.0, _ledger.BreachRate(RollingWindow.FifteenMinutes, Now, 1));
    }

    [Fact]
    public void QueueLedger_BreachRateBelowMinimumSample_IsNull()
    {
        OpenMany(19, Now);
        for (var i = 0; i < 15; i++)
        {
            _ledger.Respond($"c{i}", "agent-1", At(5));
        }

        _time.Advance(ReplyWindow);
        _ledger.Advance(Now, _breaches);

        Assert.Null(_ledger.BreachRate(RollingWindow.OneHour, Now, 20));
    }

    [Fact]
    public void QueueLedger_BreachRateAtMinimumSample_IsBreachedOverDecided()
    {
        OpenMany(20, Now);
        for (var i = 0; i < 15; i++)
        {
            _ledger.Respond($"c{i}", "agent-1", At(5));
        }

        _time.Advance(ReplyWindow);
        _ledger.Advance(Now, _breaches);

        Assert.Equal(0.25, _ledger.BreachRate(RollingWindow.OneHour, Now, 20));
    }

    [Fact]
    public void QueueLedger_BreachRate_CountsOnlyDecisionsInWindow()
    {
        OpenMany(2, Now);
        _ledger.Respond("c0", "agent-1", At(1));
        _time.Advance(TimeSpan.FromMinutes(20));
        _ledger.Advance(Now, _breaches);

        var fifteen = _ledger.BreachRate(RollingWindow.FifteenMinutes, Now, 1);
        var hour = _ledger.BreachRate(RollingWindow.OneHour, Now, 1);

        Assert.Equal(1.0, fifteen);
        Assert.Equal(0.5, hour);
    }

    [Fact]
    public void QueueLedger_UnknownConversation_RespondIsUnknown()
    {
        _ledger.Open("c1", Source, false, Now);

        var outcome = _ledger.Respond("nope", "agent-1", Now);

        Assert.Equal(new ResponseOutcome(ResponseKind.Unknown, Attribution.None, false, TimeSpan.Zero), outcome);
        Assert.Equal(1, _ledger.Waiting);
    }

    [Fact]
    public void QueueLedger_SecondResponse_IsAlreadyAnsweredAndCountsOnce()
    {
        _ledger.Open("c1", Source, true, Now);
        _ledger.Respond("c1", "agent-1", At(2));

        var outcome = _ledger.Respond("c1", "agent-2", At(4));

        Assert.Equal(new ResponseOutcome(ResponseKind.AlreadyAnswered, Source, true, TimeSpan.Zero), outcome);
        Assert.Equal(All(1), _ledger.FirstResponses(At(4)));
        Assert.Equal(All(1), _ledger.Met(At(4)));
        Assert.Equal(0, _ledger.Waiting);
    }

    [Fact]
    public void QueueLedger_ResponseStampedBeforeOpening_HasZeroWait()
    {
        _ledger.Open("c1", Source, false, Now);

        var outcome = _ledger.Respond("c1", "agent-1", Now - TimeSpan.FromMinutes(1));

        Assert.Equal(ResponseKind.InTime, outcome.Kind);
        Assert.Equal(TimeSpan.Zero, outcome.Wait);
    }

    [Fact]
    public void QueueLedger_Depth_CountsWaitingAndOpenSeparately()
    {
        OpenMany(3, Now);
        _ledger.Respond("c0", "agent-1", At(1));
        var afterResponse = (_ledger.Waiting, _ledger.OpenCount);

        _ledger.Resolve("c0", At(2));
        var afterAnsweredResolved = (_ledger.Waiting, _ledger.OpenCount);
        _ledger.Resolve("c1", At(2));

        Assert.Equal((2, 3), afterResponse);
        Assert.Equal((2, 2), afterAnsweredResolved);
        Assert.Equal((1, 1), (_ledger.Waiting, _ledger.OpenCount));
    }

    [Fact]
    public void QueueLedger_OldestWait_IsLongestWaitingConversation()
    {
        _ledger.Open("a", Source, false, At(0));
        _ledger.Open("b", Source, false, At(5));
        _time.Advance(TimeSpan.FromMinutes(12));
        var both = _ledger.OldestWait(Now);

        _ledger.Respond("a", "agent-1", Now);

        Assert.Equal(TimeSpan.FromMinutes(12), both);
        Assert.Equal(TimeSpan.FromMinutes(7), _ledger.OldestWait(Now));
    }

    [Fact]
    public void QueueLedger_OldestWaitWhenNoneWaits_IsNull()
    {
        _ledger.Open("a", Source, false, Now);
        _ledger.Respond("a", "agent-1", At(1));

        Assert.Null(_ledger.OldestWait(At(2)));
    }

    [Fact]
    public void QueueLedger_OldestWaitOfBreachedConversation_KeepsGrowing()
    {
        _ledger.Open("a", Source, false, Now);
        _time.Advance(TimeSpan.FromMinutes(25));
        _ledger.Advance(Now, _breaches);

        Assert.Equal(TimeSpan.FromMinutes(25), _ledger.OldestWait(Now));
    }

    [Fact]
    public void QueueLedger_NextBreachIn_IsTimeToEarliestLiveDeadline()
    {
        _ledger.Open("a", Source, false, At(0));
        _ledger.Open("b", Source, false, At(5));
        _time.Advance(TimeSpan.FromMinutes(3));
        var both = _ledger.NextBreachIn(Now);

        _ledger.Respond("a", "agent-1", Now);

        Assert.Equal(TimeSpan.FromMinutes(7), both);
        Assert.Equal(TimeSpan.FromMinutes(12), _ledger.NextBreachIn(Now));
    }

    [Fact]
    public void QueueLedger_NextBreachInOverdueBeforeAdvance_IsZero()
    {
        _ledger.Open("a", Source, false, Now);
        _time.Advance(TimeSpan.FromMinutes(11));

        Assert.Equal(TimeSpan.Zero, _ledger.NextBreachIn(Now));
    }

    [Fact]
    public void QueueLedger_NextBreachInAfterAdvance_SkipsBreachedConversation()
    {
        _ledger.Open("a", Source, false, At(0));
        _ledger.Open("b", Source, false, At(8));
        _time.Advance(TimeSpan.FromMinutes(11));

        _ledger.Advance(Now, _breaches);

        Assert.Equal(TimeSpan.FromMinutes(7), _ledger.NextBreachIn(Now));
    }

    [Fact]
    public void QueueLedger_NextBreachInWhenNoneWaits_IsNull()
    {
        _ledger.Open("a", Source, false, Now);
        _time.Advance(ReplyWindow);
        _ledger.Advance(Now, _breaches);

        Assert.Null(_ledger.NextBreachIn(Now));
    }

    [Fact]
    public void QueueLedger_TimeToClearWhenNoneWaits_IsZero()
    {
        Assert.Equal(TimeSpan.Zero, _ledger.TimeToClear(Now));
    }

    [Fact]
    public void QueueLedger_TimeToClearWithoutResponsesInHour_IsNull()
    {
        OpenMany(2, Now);

        Assert.Null(_ledger.TimeToClear(At(5)));
    }

    [Fact]
    public void QueueLedger_TimeToClear_IsWaitingOverLastHourPace()
    {
        OpenMany(5, Now);
        _ledger.Respond("c0", "agent-1", At(5));
        _ledger.Respond("c1", "agent-1", At(5));

        var clear = _ledger.TimeToClear(At(5));

        Assert.Equal(TimeSpan.FromMinutes(90), clear);
    }

    [Fact]
    public void QueueLedger_TimeToClearAfterResponsesLeaveHour_IsNull()
    {
        OpenMany(5, Now);
        _ledger.Respond("c0", "agent-1", At(5));
        _ledger.Respond("c1", "agent-1", At(5));
        var justInside = _ledger.TimeToClear(At(65) - OneTick);

        var after = _ledger.TimeToClear(At(65));

        Assert.Equal(TimeSpan.FromMinutes(90), justInside);
        Assert.Null(after);
    }

    [Fact]
    public void QueueLedger_ResolveWaitingConversation_FreesIt()
    {
        _ledger.Open("c1", Source, false, Now);

        var outcome = _ledger.Resolve("c1", At(2));

        Assert.Equal(new ResolveOutcome(true, Source, null, null), outcome);
        Assert.Equal(0, _ledger.Waiting);
        Assert.Equal(0, _ledger.OpenCount);
        Assert.Null(_ledger.OldestWait(At(2)));
        Assert.Null(_ledger.NextBreachIn(At(2)));
        Assert.Equal(0, _ledger.Advance(At(10), _breaches));
        Assert.Equal(TimeSpan.Zero, _ledger.TimeToClear(At(10)));
    }

    [Fact]
    public void QueueLedger_ResolveAnswered_GivesAgentAndHandleTime()
    {
        _ledger.Open("c1", Source, false, Now);
        _ledger.Respond("c1", "agent-7", At(3));

        var outcome = _ledger.Resolve("c1", At(20));

        Assert.Equal(new ResolveOutcome(true, Source, "agent-7", TimeSpan.FromMinutes(17)), outcome);
    }

    [Fact]
    public void QueueLedger_ResolveStampedBeforeFirstResponse_HasNoHandleTime()
    {
        _ledger.Open("c1", Source, false, Now);
        _ledger.Respond("c1", "agent-7", At(3));

        var outcome = _ledger.Resolve("c1", At(2));

        Assert.Null(outcome.HandleTime);
        Assert.Equal("agent-7", outcome.AgentId);
    }

    [Fact]
    public void QueueLedger_ResolveUnknown_IsNotFound()
    {
        var outcome = _ledger.Resolve("nope", Now);

        Assert.Equal(new ResolveOutcome(false, Attribution.None, null, null), outcome);
    }

    [Fact]
    public void QueueLedger_RespondAfterResolve_IsUnknown()
    {
        _ledger.Open("c1", Source, false, Now);
        _ledger.Resolve("c1", At(1));

        var outcome = _ledger.Respond("c1", "agent-1", At(2));

        Assert.Equal(ResponseKind.Unknown, outcome.Kind);
    }

    [Fact]
    public void QueueLedger_ReopenAfterResolve_OpensAnewWithNewDeadline()
    {
        _ledger.Open("c1", Source, false, At(0));
        _ledger.Resolve("c1", At(2));

        var kind = _ledger.Open("c1", Attribution.None, false, At(5));

        Assert.Equal(OpenKind.Opened, kind);
        Assert.Equal(1, _ledger.Waiting);
        Assert.Equal(0, _ledger.Advance(At(10), _breaches));
        Assert.Equal(1, _ledger.Advance(At(15), _breaches));
        Assert.Equal([new Breach("c1", Attribution.None, At(15))], _breaches);
    }

    [Fact]
    public void QueueLedger_ReopenAfterAnsweredResolve_AcceptsNewFirstResponse()
    {
        _ledger.Open("c1", Source, false, At(0));
        _ledger.Respond("c1", "agent-1", At(1));
        _ledger.Resolve("c1", At(2));
        _ledger.Open("c1", Source, false, At(30));

        var outcome = _ledger.Respond("c1", "agent-2", At(31));

        Assert.Equal(new ResponseOutcome(ResponseKind.InTime, Source, false, TimeSpan.FromMinutes(1)), outcome);
        Assert.Equal(new Windowed<long>(1, 2, 2), _ledger.FirstResponses(At(31)));
    }

    [Fact]
    public void QueueLedger_ReplyWindowChange_AppliesToLaterConversationsOnly()
    {
        _ledger.Open("a", Source, false, Now);
        _ledger.ReplyWindow = TimeSpan.FromMinutes(30);
        _ledger.Open("b", Source, false, Now);

        var count = _ledger.Advance(At(10), _breaches);

        Assert.Equal(1, count);
        Assert.Equal("a", Assert.Single(_breaches).ConversationId);
        Assert.Equal(TimeSpan.FromMinutes(20), _ledger.NextBreachIn(At(10)));
    }

    [Fact]
    public void QueueLedger_FirstResponseSeconds_AreNearestRankP50AndP90()
    {
        OpenMany(10, Now);
        for (var i = 0; i < 10; i++)
        {
            _ledger.Respond($"c{i}", "agent-1", At(i + 1));
        }

        var (p50, p90) = _ledger.FirstResponseSeconds(RollingWindow.OneHour, At(10));

        Assert.Equal(300, p50);
        Assert.Equal(540, p90);
    }

    [Fact]
    public void QueueLedger_FirstResponseSeconds_ExcludeResponsesOutsideWindow()
    {
        OpenMany(10, Now);
        for (var i = 0; i < 10; i++)
        {
            _ledger.Respond($"c{i}", "agent-1", At(i + 1));
        }

        var (p50, p90) = _ledger.FirstResponseSeconds(RollingWindow.OneHour, At(65));

        Assert.Equal(480, p50);
        Assert.Equal(600, p90);
    }

    [Fact]
    public void QueueLedger_FirstResponseSecondsWithoutResponses_AreNull()
    {
        OpenMany(3, Now);

        var (p50, p90) = _ledger.FirstResponseSeconds(RollingWindow.OneDay, At(5));

        Assert.Null(p50);
        Assert.Null(p90);
    }

    [Fact]
    public void QueueLedger_SampleCapacity_KeepsNewestFirstResponseTimes()
    {
        var ledger = new QueueLedger(ReplyWindow, sampleCapacity: 2);
        for (var i = 0; i < 4; i++)
        {
            ledger.Open($"c{i}", Source, false, Now);
            ledger.Respond($"c{i}", "agent-1", At(i + 1));
        }

        var (p50, p90) = ledger.FirstResponseSeconds(RollingWindow.OneHour, At(5));

        Assert.Equal(180, p50);
        Assert.Equal(240, p90);
    }
}
