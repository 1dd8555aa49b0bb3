namespace Balancer.Capacity.Tests;

public sealed class ThresholdTrackerTests
{
    private readonly ThresholdTracker _tracker = new([0.10, 0.15, 0.22], 0.02);

    [Fact]
    public void ThresholdTracker_New_IsNormal()
    {
        Assert.Equal(Severity.Normal, _tracker.Level);
    }

    [Fact]
    public void ThresholdTracker_ReadingBelowWarn_StaysNormal()
    {
        var changed = _tracker.Update(0.09);

        Assert.False(changed);
        Assert.Equal(Severity.Normal, _tracker.Level);
    }

    [Fact]
    public void ThresholdTracker_ReadingReachesWarn_RaisesWarn()
    {
        var changed = _tracker.Update(0.10);

        Assert.True(changed);
        Assert.Equal(Severity.Warn, _tracker.Level);
    }

    [Fact]
    public void ThresholdTracker_HoveringAroundThreshold_DoesNotRaiseAgain()
    {
        _tracker.Update(0.10);

        var changes = new double?[] { 0.095, 0.11, 0.085, 0.10, 0.09 }.Count(_tracker.Update);

        Assert.Equal(0, changes);
        Assert.Equal(Severity.Warn, _tracker.Level);
    }

    [Fact]
    public void ThresholdTracker_ReadingAtThresholdMinusHysteresis_KeepsLevel()
    {
        var tracker = new ThresholdTracker([0.25, 0.5, 0.75], 0.125);
        tracker.Update(0.25);

        var changed = tracker.Update(0.125);

        Assert.False(changed);
        Assert.Equal(Severity.Warn, tracker.Level);
    }

    [Fact]
    public void ThresholdTracker_ReadingBelowThresholdMinusHysteresis_Lowers()
    {
        var tracker = new ThresholdTracker([0.25, 0.5, 0.75], 0.125);
        tracker.Update(0.25);

        var changed = tracker.Update(0.12);

        Assert.True(changed);
        Assert.Equal(Severity.Normal, tracker.Level);
    }

    [Fact]
    public void ThresholdTracker_HighFallsWithinHysteresis_StaysHigh()
    {
        _tracker.Update(0.16);

        var changed = _tracker.Update(0.14);

        Assert.False(changed);
        Assert.Equal(Severity.High, _tracker.Level);
    }

    [Fact]
    public void ThresholdTracker_HighFallsIntoWarnBand_LowersToWarn()
    {
        _tracker.Update(0.16);

        var changed = _tracker.Update(0.12);

        Assert.True(changed);
        Assert.Equal(Severity.Warn, _tracker.Level);
    }

    [Fact]
    public void ThresholdTracker_WarnReachesHigh_RaisesHigh()
    {
        _tracker.Update(0.10);

        var changed = _tracker.Update(0.15);

        Assert.True(changed);
        Assert.Equal(Severity.High, _tracker.Level);
    }

    [Fact]
    public void ThresholdTracker_HighWithinHysteresisOfCritical_StaysHigh()
    {
        _tracker.Update(0.15);

        var changed = _tracker.Update(0.21);

        Assert.False(changed);
        Assert.Equal(Severity.High, _tracker.Level);
    }

    [Fact]
    public void ThresholdTracker_NormalReadingPastCritical_JumpsStraightToCritical()
    {
        var changed = _tracker.Update(0.30);

        Assert.True(changed);
        Assert.Equal(Severity.Critical, _tracker.Level);
    }

    [Fact]
    public void ThresholdTracker_CriticalFallsFar_DropsStraightToNormal()
    {
        _tracker.Update(0.30);

        var changed = _tracker.Update(0.01);

        Assert.True(changed);
        Assert.Equal(Severity.Normal, _tracker.Level);
    }

    [Fact]
    public void ThresholdTracker_NullReading_RecoversToNormal()
    {
        _tracker.Update(0.30);

        var changed = _tracker.Update(null);

        Assert.True(changed);
        Assert.Equal(Severity.Normal, _tracker.Level);
    }

    [Fact]
    public void ThresholdTracker_NullReadingWhenNormal_ChangesNothing()
    {
        var changed = _tracker.Update(null);

        Assert.False(changed);
        Assert.Equal(Severity.Normal, _tracker.Level);
    }

    [Fact]
    public void ThresholdTracker_ZeroHysteresis_LowersJustBelowThreshold()
    {
        var tracker = new ThresholdTracker([0.5], 0);
        tracker.Update(0.5);

        var changed = tracker.Update(0.49);

        Assert.True(changed);
        Assert.Equal(Severity.Normal, tracker.Level);
    }

    [Fact]
    public void ThresholdTracker_SingleThreshold_NeverGoesPastWarn()
    {
        var tracker = new ThresholdTracker([4.0], 0.5);

        tracker.Update(100);

        Assert.Equal(Severity.Warn, tracker.Level);
    }

    [Theory]
    [InlineData(Severity.Warn, 0.10)]
    [InlineData(Severity.High, 0.15)]
    [InlineData(Severity.Critical, 0.22)]
    public void ThresholdTracker_ThresholdOf_GivesThresholdOfLevel(Severity level, double expected)
    {
        var threshold = _tracker.ThresholdOf(level);

        Assert.Equal(expected, threshold);
    }

    [Fact]
    public void ThresholdTracker_ThresholdOfNormal_IsNull()
    {
        Assert.Null(_tracker.ThresholdOf(Severity.Normal));
    }

    [Fact]
    public void ThresholdTracker_ThresholdOfLevelItLacks_IsNull()
    {
        var tracker = new ThresholdTracker([4.0], 0.5);

        Assert.Null(tracker.ThresholdOf(Severity.High));
    }

    [Fact]
    public void ThresholdTracker_Hysteresis_IsTheOneGiven()
    {
        var tracker = new ThresholdTracker([4.0], 0.5);

        Assert.Equal(0.5, tracker.Hysteresis);
    }

    [Fact]
    public void ThresholdTracker_NoThresholds_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => new ThresholdTracker([], 0));

        Assert.Equal("thresholds", error.ParamName);
    }

    [Fact]
    public void ThresholdTracker_FourThresholds_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => new ThresholdTracker([0.1, 0.2, 0.3, 0.4], 0));

        Assert.Equal("thresholds", error.ParamName);
    }

    [Fact]
    public void ThresholdTracker_ThresholdsNotAscending_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => new ThresholdTracker([0.2, 0.2], 0));

        Assert.Equal("thresholds", error.ParamName);
        Assert.StartsWith("Thresholds must ascend.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ThresholdTracker_NegativeHysteresis_Throws()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new ThresholdTracker([0.1], -0.01));

        Assert.Equal("hysteresis", error.ParamName);
    }
}
