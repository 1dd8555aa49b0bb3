namespace Balancer.Grains.Tests;

public sealed class OptionsValidatorTests
{
    [Fact]
    public void LiveOptions_Defaults_AreValid()
    {
        Assert.True(new LiveOptionsValidator().Validate(null, new LiveOptions()).Succeeded);
    }

    [Fact]
    public void LiveOptions_ExpiryShorterThanThreeRenewals_NamesTheOption()
    {
        var result = new LiveOptionsValidator().Validate(
            null, new LiveOptions { SubscriptionExpiry = TimeSpan.FromSeconds(60) });

        Assert.Equal(
            ["Balancer:Live:SubscriptionExpiry must be from 00:01:30 to 01:00:00; it is 00:01:00."],
            result.Failures);
    }

    [Fact]
    public void QueueOptions_ScanSlowerThanASecond_NamesTheOption()
    {
        var result = new QueueOptionsValidator().Validate(
            null, new QueueOptions { BreachScanInterval = TimeSpan.FromSeconds(2) });

        Assert.Equal(
            ["Balancer:Queues:BreachScanInterval must be from 00:00:00.0100000 to 00:00:01; it is 00:00:02."],
            result.Failures);
    }
}
