namespace Balancer.Capacity.Tests;

public sealed class ThresholdOptionsTests
{
    private const string Prefix = "Balancer:Thresholds:";

    [Fact]
    public void ThresholdOptions_Defaults_AreThePractitionerBreachRates()
    {
        var options = new ThresholdOptions();

        Assert.Equal(0.10, options.BreachWarn);
        Assert.Equal(0.15, options.BreachHigh);
        Assert.Equal(0.22, options.BreachCritical);
        Assert.Equal(0.02, options.BreachHysteresis);
    }

    [Fact]
    public void ThresholdOptions_Defaults_AreThePractitionerRatios()
    {
        var options = new ThresholdOptions();

        Assert.Equal(4.0, options.SendsPerHumanReply);
        Assert.Equal(0.5, options.SendsPerHumanReplyHysteresis);
        Assert.Equal(0.60, options.Escalation);
        Assert.Equal(0.05, options.EscalationHysteresis);
    }

    [Fact]
    public void ThresholdOptions_Defaults_HaveSampleWindowAndRepeatWindow()
    {
        var options = new ThresholdOptions();

        Assert.Equal(20, options.MinimumSample);
        Assert.Equal(RollingWindow.OneHour, options.WarningWindow);
        Assert.Equal(TimeSpan.FromHours(6), options.RepeatEngagementWindow);
    }

    [Fact]
    public void ThresholdOptions_Section_IsBalancerThresholds()
    {
        Assert.Equal("Balancer:Thresholds", ThresholdOptions.Section);
    }

    [Fact]
    public void ThresholdOptions_DefaultsValidate_HaveNoProblems()
    {
        Assert.Empty(new ThresholdOptions().Validate());
    }

    [Fact]
    public void ThresholdOptions_BreachWarnAboveOne_NamesBreachWarn()
    {
        var options = new ThresholdOptions { BreachWarn = 1.5 };

        var problems = options.Validate().ToList();

        Assert.Equal(
            [
                Prefix + "BreachWarn must be above 0 and at most 1; it is 1.5.",
                Prefix + "BreachWarn, BreachHigh and BreachCritical must ascend; they are 1.5, 0.15 and 0.22.",
            ],
            problems);
    }

    [Fact]
    public void ThresholdOptions_BreachHighAboveOne_NamesBreachHigh()
    {
        var options = new ThresholdOptions { BreachHigh = 1.5 };

        var problems = options.Validate().ToList();

        Assert.Equal(
            [
                Prefix + "BreachHigh must be above 0 and at most 1; it is 1.5.",
                Prefix + "BreachWarn, BreachHigh and BreachCritical must ascend; they are 0.1, 1.5 and 0.22.",
            ],
            problems);
    }

    [Fact]
    public void ThresholdOptions_BreachCriticalAboveOne_NamesBreachCritical()
    {
        var options = new ThresholdOptions { BreachCritical = 1.5 };

        var problem = Assert.Single(options.Validate());

        Assert.Equal(Prefix + "BreachCritical must be above 0 and at most 1; it is 1.5.", problem);
    }

    [Fact]
    public void ThresholdOptions_BreachCriticalNaN_NamesBreachCritical()
    {
        var options = new ThresholdOptions { BreachCritical = double.NaN };

        var problems = options.Validate().ToList();

        Assert.Equal(
            [
                Prefix + "BreachCritical must be above 0 and at most 1; it is NaN.",
                Prefix + "BreachWarn, BreachHigh and BreachCritical must ascend; they are 0.1, 0.15 and NaN.",
            ],
            problems);
    }

    [Fact]
    public void ThresholdOptions_BreachRatesNotAscending_NamesAllThree()
    {
        var options = new ThresholdOptions { BreachHigh = 0.30 };

        var problem = Assert.Single(options.Validate());

        Assert.Equal(
            Prefix + "BreachWarn, BreachHigh and BreachCritical must ascend; they are 0.1, 0.3 and 0.22.", problem);
    }

    [Fact]
    public void ThresholdOptions_EscalationAboveOne_NamesEscalation()
    {
        var options = new ThresholdOptions { Escalation = 1.5 };

        var problem = Assert.Single(options.Validate());

        Assert.Equal(Prefix + "Escalation must be above 0 and at most 1; it is 1.5.", problem);
    }

    [Fact]
    public void ThresholdOptions_EscalationZero_NamesEscalationAndItsHysteresis()
    {
        var options = new ThresholdOptions { Escalation = 0 };

        var problems = options.Validate().ToList();

        Assert.Equal(
            [
                Prefix + "Escalation must be above 0 and at most 1; it is 0.",
                Prefix + "EscalationHysteresis must be at least 0 and below its threshold 0; it is 0.05.",
            ],
            problems);
    }

    [Fact]
    public void ThresholdOptions_SendsPerHumanReplyNaN_NamesSendsPerHumanReply()
    {
        var options = new ThresholdOptions { SendsPerHumanReply = double.NaN };

        var problem = Assert.Single(options.Validate());

        Assert.Equal(Prefix + "SendsPerHumanReply must be above 0; it is NaN.", problem);
    }

    [Fact]
    public void ThresholdOptions_SendsPerHumanReplyZero_NamesItAndItsHysteresis()
    {
        var options = new ThresholdOptions { SendsPerHumanReply = 0 };

        var problems = options.Validate().ToList();

        Assert.Equal(
            [
                Prefix + "SendsPerHumanReply must be above 0; it is 0.",
                Prefix + "SendsPerHumanReplyHysteresis must be at least 0 and below its threshold 0; it is 0.5.",
            ],
            problems);
    }

    [Fact]
    public void ThresholdOptions_BreachHysteresisAtThreshold_NamesBreachHysteresis()
    {
        var options = new ThresholdOptions { BreachHysteresis = 0.10 };

        var problem = Assert.Single(options.Validate());

        Assert.Equal(Prefix + "BreachHysteresis must be at least 0 and below its threshold 0.1; it is 0.1.", problem);
    }

    [Fact]
    public void ThresholdOptions_SendsPerHumanReplyHysteresisNegative_NamesIt()
    {
        var options = new ThresholdOptions { SendsPerHumanReplyHysteresis = -0.5 };

        var problem = Assert.Single(options.Validate());

        Assert.Equal(
            Prefix + "SendsPerHumanReplyHysteresis must be at least 0 and below its threshold 4; it is -0.5.",
            problem);
    }

    [Fact]
    public void ThresholdOptions_EscalationHysteresisNaN_NamesEscalationHysteresis()
    {
        var options = new ThresholdOptions { EscalationHysteresis = double.NaN };

        var problem = Assert.Single(options.Validate());

        Assert.Equal(
            Prefix + "EscalationHysteresis must be at least 0 and below its threshold 0.6; it is NaN.", problem);
    }

    [Fact]
    public void ThresholdOptions_ZeroHysteresis_IsValid()
    {
        var options = new ThresholdOptions
        {
            BreachHysteresis = 0,
            SendsPerHumanReplyHysteresis = 0,
            EscalationHysteresis = 0,
        };

        Assert.Empty(options.Validate());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1_000_001)]
    public void ThresholdOptions_MinimumSampleOutOfRange_NamesMinimumSample(int sample)
    {
        var options = new ThresholdOptions { MinimumSample = sample };

        var problem = Assert.Single(options.Validate());

        Assert.Equal(Prefix + $"MinimumSample must be from 1 to 1000000; it is {sample}.", problem);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(1_000_000)]
    public void ThresholdOptions_MinimumSampleAtRangeEnds_IsValid(int sample)
    {
        var options = new ThresholdOptions { MinimumSample = sample };

        Assert.Empty(options.Validate());
    }

    [Fact]
    public void ThresholdOptions_UnknownWarningWindow_NamesWarningWindow()
    {
        var options = new ThresholdOptions { WarningWindow = (RollingWindow)7 };

        var problem = Assert.Single(options.Validate());

        Assert.Equal(Prefix + "WarningWindow must be FifteenMinutes, OneHour or OneDay.", problem);
    }

    [Fact]
    public void ThresholdOptions_RepeatEngagementWindowZero_NamesRepeatEngagementWindow()
    {
        var options = new ThresholdOptions { RepeatEngagementWindow = TimeSpan.Zero };

        var problem = Assert.Single(options.Validate());

        Assert.Equal(
            Prefix + "RepeatEngagementWindow must be above zero and at most 7 days; it is 00:00:00.", problem);
    }

    [Fact]
    public void ThresholdOptions_RepeatEngagementWindowOverSevenDays_NamesRepeatEngagementWindow()
    {
        var options = new ThresholdOptions { RepeatEngagementWindow = TimeSpan.FromDays(7) + TimeSpan.FromTicks(1) };

        var problem = Assert.Single(options.Validate());

        Assert.Equal(
            Prefix + "RepeatEngagementWindow must be above zero and at most 7 days; it is 7.00:00:00.0000001.",
            problem);
    }

    [Fact]
    public void ThresholdOptions_RepeatEngagementWindowSevenDays_IsValid()
    {
        var options = new ThresholdOptions { RepeatEngagementWindow = TimeSpan.FromDays(7) };

        Assert.Empty(options.Validate());
    }

    [Fact]
    public void ThresholdOptions_SeveralProblems_ReportsEach()
    {
        var options = new ThresholdOptions { MinimumSample = 0, BreachCritical = 2, WarningWindow = (RollingWindow)7 };

        var problems = options.Validate().ToList();

        Assert.Equal(
            [
                Prefix + "BreachCritical must be above 0 and at most 1; it is 2.",
                Prefix + "MinimumSample must be from 1 to 1000000; it is 0.",
                Prefix + "WarningWindow must be FifteenMinutes, OneHour or OneDay.",
            ],
            problems);
    }
}
