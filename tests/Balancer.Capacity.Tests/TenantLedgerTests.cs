using Microsoft.Extensions.Time.Testing;

namespace Balancer.Capacity.Tests;

public sealed class TenantLedgerTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(Start);

    private readonly TenantLedger _tenant = new(new ThresholdOptions());

    private DateTimeOffset Now => _time.GetUtcNow();

    private static TenantActivity Decided(long met, long breached) => new(0, 0, 0, 0, 0, 0, met, breached);

    private static TenantActivity Sends(long sends, long humanReplies) => new(sends, humanReplies, 0, 0, 0, 0, 0, 0);

    private static TenantActivity Bot(long botReplies, long escalated) => new(0, 0, botReplies, escalated, 0, 0, 0, 0);

    [Fact]
    public void TenantLedger_BreachRate_IsBreachedOverDecided()
    {
        _tenant.Record(Decided(15, 5), Now);

        Assert.Equal(0.25, _tenant.BreachRate(RollingWindow.OneHour, Now));
    }

    [Fact]
    public void TenantLedger_BreachRateBelowMinimumSample_IsNull()
    {
        _tenant.Record(Decided(14, 5), Now);

        Assert.Null(_tenant.BreachRate(RollingWindow.OneHour, Now));
    }

    [Fact]
    public void TenantLedger_BreachRate_UsesConfiguredMinimumSample()
    {
        var tenant = new TenantLedger(new ThresholdOptions { MinimumSample = 4 });

        tenant.Record(Decided(3, 1), Now);

        Assert.Equal(0.25, tenant.BreachRate(RollingWindow.OneHour, Now));
    }

    [Fact]
    public void TenantLedger_NegativeBreaches_RevokeEarlierBreaches()
    {
        _tenant.Record(Decided(15, 5), Now);

        _tenant.Record(Decided(1, -1), Now);

        Assert.Equal(new Windowed<long>(4, 4, 4), _tenant.Breached(Now));
        Assert.Equal(0.2, _tenant.BreachRate(RollingWindow.OneHour, Now));
    }

    [Fact]
    public void TenantLedger_BreachRate_CountsOnlyItsWindow()
    {
        _tenant.Record(Decided(20, 0), Now);
        _time.Advance(TimeSpan.FromMinutes(20));
        _tenant.Record(Decided(15, 5), Now);

        var fifteen = _tenant.BreachRate(RollingWindow.FifteenMinutes, Now);
        var hour = _tenant.BreachRate(RollingWindow.OneHour, Now);

        Assert.Equal(0.25, fifteen);
        Assert.Equal(0.125, hour);
    }

    [Fact]
    public void TenantLedger_SendsPerHumanReply_IsSendsOverHumanReplies()
    {
        _tenant.Record(Sends(90, 20), Now);

        Assert.Equal(4.5, _tenant.SendsPerHumanReply(RollingWindow.OneHour, Now));
    }

    [Fact]
    public void TenantLedger_SendsPerHumanReplyBelowMinimumSample_IsNull()
    {
        _tenant.Record(Sends(90, 19), Now);

        Assert.Null(_tenant.SendsPerHumanReply(RollingWindow.OneHour, Now));
    }

    [Fact]
    public void TenantLedger_EscalationRate_IsEscalatedOverBotReplies()
    {
        _tenant.Record(Bot(20, 12), Now);

        Assert.Equal(0.6, _tenant.EscalationRate(RollingWindow.OneHour, Now));
    }

    [Fact]
    public void TenantLedger_EscalationRateBelowMinimumSample_IsNull()
    {
        _tenant.Record(Bot(19, 12), Now);

        Assert.Null(_tenant.EscalationRate(RollingWindow.OneHour, Now));
    }

    [Fact]
    public void TenantLedger_EscalationRateAcrossRecords_ReachesMinimumSample()
    {
        _tenant.Record(Bot(10, 2), Now);
        _time.Advance(TimeSpan.FromMinutes(5));
        var belowSample = _tenant.EscalationRate(RollingWindow.OneHour, Now);

        _tenant.Record(Bot(10, 3), Now);

        Assert.Null(belowSample);
        Assert.Equal(0.25, _tenant.EscalationRate(RollingWindow.OneHour, Now));
    }

    [Fact]
    public void TenantLedger_RepeatEngagement_IsRepeatsOverEntries()
    {
        _tenant.Record(new TenantActivity(0, 0, 0, 0, 4, 1, 0, 0), Now);

        Assert.Equal(0.25, _tenant.RepeatEngagement(RollingWindow.OneHour, Now));
    }

    [Fact]
    public void TenantLedger_RepeatEngagementWithoutEntries_IsNull()
    {
        Assert.Null(_tenant.RepeatEngagement(RollingWindow.OneHour, Now));
    }

    [Fact]
    public void TenantLedger_WindowedSums_SlideOutOfShortWindowFirst()
    {
        _tenant.Record(new TenantActivity(7, 3, 0, 0, 0, 0, 2, 1), Now);

        _time.Advance(TimeSpan.FromMinutes(15));

        Assert.Equal(new Windowed<long>(0, 7, 7), _tenant.Sends(Now));
        Assert.Equal(new Windowed<long>(0, 3, 3), _tenant.HumanReplies(Now));
        Assert.Equal(new Windowed<long>(0, 2, 2), _tenant.Met(Now));
        Assert.Equal(new Windowed<long>(0, 1, 1), _tenant.Breached(Now));
    }

    [Fact]
    public void TenantLedger_BreachLevel_UsesBreachThresholds()
    {
        var tenant = new TenantLedger(new ThresholdOptions { BreachWarn = 0.05, BreachHysteresis = 0.01 });

        Assert.Equal(0.05, tenant.BreachLevel.ThresholdOf(Severity.Warn));
        Assert.Equal(0.15, tenant.BreachLevel.ThresholdOf(Severity.High));
        Assert.Equal(0.22, tenant.BreachLevel.ThresholdOf(Severity.Critical));
        Assert.Equal(0.01, tenant.BreachLevel.Hysteresis);
    }

    [Fact]
    public void TenantLedger_SendsLevel_UsesSendsThresholdOnly()
    {
        Assert.Equal(4.0, _tenant.SendsLevel.ThresholdOf(Severity.Warn));
        Assert.Null(_tenant.SendsLevel.ThresholdOf(Severity.High));
        Assert.Equal(0.5, _tenant.SendsLevel.Hysteresis);
    }

    [Fact]
    public void TenantLedger_EscalationLevel_UsesEscalationThresholdOnly()
    {
        Assert.Equal(0.60, _tenant.EscalationLevel.ThresholdOf(Severity.Warn));
        Assert.Null(_tenant.EscalationLevel.ThresholdOf(Severity.High));
        Assert.Equal(0.05, _tenant.EscalationLevel.Hysteresis);
    }

    [Fact]
    public void TenantLedger_BreachRateIntoTracker_RaisesHigh()
    {
        _tenant.Record(Decided(17, 3), Now);

        var changed = _tenant.BreachLevel.Update(_tenant.BreachRate(RollingWindow.OneHour, Now));

        Assert.True(changed);
        Assert.Equal(Severity.High, _tenant.BreachLevel.Level);
    }

    [Fact]
    public void TenantLedger_RateFallingBelowMinimumSample_RecoversTrackerToNormal()
    {
        _tenant.Record(Decided(15, 5), Now);
        _tenant.BreachLevel.Update(_tenant.BreachRate(RollingWindow.FifteenMinutes, Now));
        _time.Advance(TimeSpan.FromMinutes(15));

        var changed = _tenant.BreachLevel.Update(_tenant.BreachRate(RollingWindow.FifteenMinutes, Now));

        Assert.True(changed);
        Assert.Equal(Severity.Normal, _tenant.BreachLevel.Level);
    }
}
