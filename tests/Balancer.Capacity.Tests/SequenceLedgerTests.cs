using Microsoft.Extensions.Time.Testing;

namespace Balancer.Capacity.Tests;

public sealed class SequenceLedgerTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    private static readonly TimeSpan RepeatWindow = TimeSpan.FromHours(6);

    private readonly FakeTimeProvider _time = new(Start);

    private readonly SequenceLedger _ledger = new(RepeatWindow);

    private DateTimeOffset Now => _time.GetUtcNow();

    private static Windowed<long> All(long count) => new(count, count, count);

    [Fact]
    public void SequenceLedger_Sends_AreCountedPerStepAndChannel()
    {
        _ledger.RecordSend(1, Channel.Email, "a", Now);
        _ledger.RecordSend(1, Channel.Email, "b", Now);
        _ledger.RecordSend(1, Channel.Sms, "c", Now);

        _ledger.RecordSend(2, Channel.Chat, "a", Now);

        var first = _ledger.Steps[1];
        var second = _ledger.Steps[2];
        Assert.Equal(All(3), first.Sends.Sums(Now));
        Assert.Equal(All(2), first.SendsOn(Channel.Email)!.Sums(Now));
        Assert.Equal(All(1), first.SendsOn(Channel.Sms)!.Sums(Now));
        Assert.Null(first.SendsOn(Channel.Chat));
        Assert.Equal(All(1), second.Sends.Sums(Now));
        Assert.Equal(All(1), second.SendsOn(Channel.Chat)!.Sums(Now));
        Assert.Null(second.SendsOn(Channel.Email));
    }

    [Fact]
    public void SequenceLedger_Total_SumsMeasureAcrossSteps()
    {
        _ledger.RecordSend(1, Channel.Email, "a", Now);
        _ledger.RecordSend(2, Channel.Email, "a", Now);
        _ledger.RecordSend(3, Channel.Sms, "a", Now + TimeSpan.FromMinutes(20));

        var total = _ledger.Total(t => t.Sends, Now + TimeSpan.FromMinutes(20));

        Assert.Equal(new Windowed<long>(1, 3, 3), total);
    }

    [Fact]
    public void SequenceLedger_TotalWithNoSteps_IsZero()
    {
        Assert.Equal(All(0), _ledger.Total(t => t.Sends, Now));
    }

    [Fact]
    public void SequenceLedger_Steps_AreInStepOrder()
    {
        _ledger.RecordSend(3, Channel.Email, "a", Now);
        _ledger.RecordSend(1, Channel.Email, "a", Now);
        _ledger.RecordSend(2, Channel.Email, "a", Now);

        Assert.Equal([1, 2, 3], _ledger.Steps.Keys);
    }

    [Fact]
    public void SequenceLedger_FirstStepSends_AreEntries()
    {
        _ledger.RecordSend(1, Channel.Email, "a", Now);
        _ledger.RecordSend(1, Channel.Email, "b", Now);

        _ledger.RecordSend(2, Channel.Email, "a", Now);

        Assert.Equal(All(2), _ledger.Entries(Now));
        Assert.Equal(2, _ledger.RememberedContacts);
    }

    [Fact]
    public void SequenceLedger_Replies_SplitIntoHumanAndBot()
    {
        _ledger.RecordReply(1, true, Now);
        _ledger.RecordReply(1, false, Now);

        _ledger.RecordReply(1, false, Now);

        var step = _ledger.Steps[1];
        Assert.Equal(All(3), step.Replies.Sums(Now));
        Assert.Equal(All(1), step.HumanReplies.Sums(Now));
        Assert.Equal(All(2), step.BotReplies.Sums(Now));
    }

    [Fact]
    public void SequenceLedger_Escalation_CountsAsHumanReply()
    {
        _ledger.RecordReply(2, false, Now);

        _ledger.RecordEscalated(2, Now);

        var step = _ledger.Steps[2];
        Assert.Equal(All(1), step.Escalated.Sums(Now));
        Assert.Equal(All(1), step.HumanReplies.Sums(Now));
        Assert.Equal(All(1), step.BotReplies.Sums(Now));
        Assert.Equal(All(1), step.Replies.Sums(Now));
    }

    [Fact]
    public void SequenceLedger_BotResolvedAndConversions_AreCountedPerStep()
    {
        _ledger.RecordBotResolved(1, Now);
        _ledger.RecordConversion(2, Now);

        _ledger.RecordConversion(2, Now);

        Assert.Equal(All(1), _ledger.Steps[1].BotResolved.Sums(Now));
        Assert.Equal(All(0), _ledger.Steps[1].Conversions.Sums(Now));
        Assert.Equal(All(2), _ledger.Steps[2].Conversions.Sums(Now));
    }

    [Fact]
    public void SequenceLedger_NegativeBreaches_UndoBreachesOfStep()
    {
        _ledger.RecordBreaches(1, 3, Now);

        _ledger.RecordBreaches(1, -1, Now);

        Assert.Equal(All(2), _ledger.Steps[1].Breaches.Sums(Now));
    }

    [Fact]
    public void SequenceLedger_FirstEntry_IsNotRepeat()
    {
        var repeat = _ledger.RecordSend(1, Channel.Email, "a", Now);

        Assert.False(repeat);
        Assert.Equal(All(0), _ledger.RepeatEntries(Now));
    }

    [Fact]
    public void SequenceLedger_EntryAgainJustInsideRepeatWindow_IsRepeat()
    {
        _ledger.RecordSend(1, Channel.Email, "a", Now);
        _time.Advance(RepeatWindow - TimeSpan.FromTicks(1));

        var repeat = _ledger.RecordSend(1, Channel.Sms, "a", Now);

        Assert.True(repeat);
        Assert.Equal(All(1), _ledger.RepeatEntries(Now));
        Assert.Equal(new Windowed<long>(1, 1, 2), _ledger.Entries(Now));
    }

    [Fact]
    public void SequenceLedger_EntryAgainAtRepeatWindow_IsNotRepeat()
    {
        _ledger.RecordSend(1, Channel.Email, "a", Now);
        _time.Advance(RepeatWindow);

        var repeat = _ledger.RecordSend(1, Channel.Email, "a", Now);

        Assert.False(repeat);
        Assert.Equal(All(0), _ledger.RepeatEntries(Now));
    }

    [Fact]
    public void SequenceLedger_OtherContactEntering_IsNotRepeat()
    {
        _ledger.RecordSend(1, Channel.Email, "a", Now);
        _time.Advance(TimeSpan.FromHours(1));

        var repeat = _ledger.RecordSend(1, Channel.Email, "b", Now);

        Assert.False(repeat);
    }

    [Fact]
    public void SequenceLedger_LaterStepSend_IsNeverRepeat()
    {
        _ledger.RecordSend(1, Channel.Email, "a", Now);
        _time.Advance(TimeSpan.FromHours(1));

        var repeat = _ledger.RecordSend(2, Channel.Email, "a", Now);

        Assert.False(repeat);
        Assert.Equal(All(0), _ledger.RepeatEntries(Now));
    }

    [Fact]
    public void SequenceLedger_RepeatWindow_RunsFromLastEntry()
    {
        _ledger.RecordSend(1, Channel.Email, "a", Now);
        _time.Advance(TimeSpan.FromHours(5));
        _ledger.RecordSend(1, Channel.Email, "a", Now);
        _time.Advance(TimeSpan.FromHours(5));

        var repeat = _ledger.RecordSend(1, Channel.Email, "a", Now);

        Assert.True(repeat);
    }

    [Fact]
    public void SequenceLedger_EntryArrivingOutOfOrder_IsNotRepeatAndKeepsLatestEntry()
    {
        _ledger.RecordSend(1, Channel.Email, "a", Start + TimeSpan.FromHours(3));

        var older = _ledger.RecordSend(1, Channel.Email, "a", Start);
        var later = _ledger.RecordSend(1, Channel.Email, "a", Start + TimeSpan.FromHours(8.5));

        Assert.False(older);
        Assert.True(later);
    }

    [Fact]
    public void SequenceLedger_Prune_ForgetsContactsOlderThanRepeatWindow()
    {
        _ledger.RecordSend(1, Channel.Email, "a", Now);
        _ledger.RecordSend(1, Channel.Email, "b", Now + TimeSpan.FromHours(3));

        var removed = _ledger.Prune(Now + RepeatWindow);

        Assert.Equal(1, removed);
        Assert.Equal(1, _ledger.RememberedContacts);
    }

    [Fact]
    public void SequenceLedger_PruneJustInsideRepeatWindow_KeepsContact()
    {
        _ledger.RecordSend(1, Channel.Email, "a", Now);

        var removed = _ledger.Prune(Now + RepeatWindow - TimeSpan.FromTicks(1));

        Assert.Equal(0, removed);
        Assert.Equal(1, _ledger.RememberedContacts);
    }

    [Fact]
    public void SequenceLedger_PruneEveryContact_EmptiesMemory()
    {
        _ledger.RecordSend(1, Channel.Email, "a", Now);
        _ledger.RecordSend(1, Channel.Email, "b", Now);
        _ledger.RecordSend(1, Channel.Email, "c", Now);

        var removed = _ledger.Prune(Now + TimeSpan.FromDays(1));

        Assert.Equal(3, removed);
        Assert.Equal(0, _ledger.RememberedContacts);
    }

    [Fact]
    public void SequenceLedger_SinceStart_CountsSendsHumanRepliesAndEscalationsBeyondTheWindows()
    {
        var first = Now;
        _ledger.RecordSend(1, Channel.Email, "a", Now);
        _ledger.RecordSend(2, Channel.Email, "a", Now);
        _ledger.RecordReply(1, true, Now);
        _ledger.RecordReply(1, false, Now);
        _ledger.RecordEscalated(1, Now);

        _time.Advance(TimeSpan.FromDays(3));

        Assert.Equal((2L, 2L, first), (_ledger.SendsSinceStart, _ledger.HumanRepliesSinceStart, _ledger.FirstSendAt));
        Assert.Equal(0, _ledger.Total(t => t.Sends, Now).OneDay);
    }

    [Fact]
    public void SequenceLedger_ReplyLag_IsTheMeanFromASampledContactsSendToItsReply()
    {
        var sampled = Enumerable.Range(0, 1000).Select(i => $"k{i}")
            .Where(c => StableHash.Fnv1a(c) % SequenceLedger.LagSampleEvery == 0)
            .Take(2)
            .ToList();
        var unsampled = Enumerable.Range(0, 1000).Select(i => $"k{i}")
            .First(c => StableHash.Fnv1a(c) % SequenceLedger.LagSampleEvery != 0);
        Assert.Null(_ledger.ReplyLag(Now));
        _ledger.RecordSend(1, Channel.Email, sampled[0], Now);
        _ledger.RecordSend(1, Channel.Email, sampled[1], Now);
        _ledger.RecordSend(1, Channel.Email, unsampled, Now);

        _time.Advance(TimeSpan.FromHours(1));
        _ledger.RecordReply(1, true, Now, sampled[0]);
        _ledger.RecordReply(1, true, Now, unsampled);
        _time.Advance(TimeSpan.FromHours(2));
        _ledger.RecordReply(1, true, Now, sampled[1]);
        _ledger.RecordReply(1, true, Now, sampled[1]); // a second reply has no send left to time

        Assert.Equal(TimeSpan.FromHours(2), _ledger.ReplyLag(Now)); // (1 h + 3 h) / 2
    }

    [Fact]
    public void SequenceLedger_Prune_ForgetsSampledSendsAfterTheirMemory()
    {
        var sampled = Enumerable.Range(0, 1000).Select(i => $"k{i}")
            .First(c => StableHash.Fnv1a(c) % SequenceLedger.LagSampleEvery == 0);
        _ledger.RecordSend(2, Channel.Email, sampled, Now);

        _time.Advance(SequenceLedger.LagMemory);
        _ledger.Prune(Now);
        _ledger.RecordReply(2, true, Now, sampled);

        Assert.Null(_ledger.ReplyLag(Now));
    }
}
