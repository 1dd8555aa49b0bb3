namespace Balancer.Capacity.Tests;

public sealed class AdmissionOptionsTests
{
    [Fact]
    public void AdmissionOptions_Defaults_AreTenMinuteBurstAndFiveMinuteRetry()
    {
        var options = new AdmissionOptions();

        Assert.Equal(TimeSpan.FromMinutes(10), options.Burst);
        Assert.Equal(TimeSpan.FromMinutes(5), options.BlockedRetry);
        Assert.Equal(0.001, options.NegligibleMinutesPerSend);
        Assert.Equal("Balancer:Admission", AdmissionOptions.Section);
        Assert.Empty(options.Validate());
    }

    [Fact]
    public void AdmissionOptions_OutOfRange_NameEachOption()
    {
        var options = new AdmissionOptions
        {
            Burst = TimeSpan.FromSeconds(30),
            BlockedRetry = TimeSpan.FromHours(2),
            NegligibleMinutesPerSend = double.NaN,
        };

        Assert.Equal(
            [
                "Balancer:Admission:Burst must be from 1 minute to 4 hours; it is 00:00:30.",
                "Balancer:Admission:BlockedRetry must be from 1 second to 1 hour; it is 02:00:00.",
                "Balancer:Admission:NegligibleMinutesPerSend must be from 0 to 1; it is NaN.",
            ],
            options.Validate());
    }
}
