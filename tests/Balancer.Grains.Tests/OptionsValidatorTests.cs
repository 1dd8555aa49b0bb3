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

    [Fact]
    public void DispatchOptions_Defaults_AreValid()
    {
        Assert.True(new DispatchOptionsValidator().Validate(null, new DispatchOptions()).Succeeded);
    }

    [Fact]
    public void DispatchOptions_OutOfRange_NameEachOption()
    {
        var result = new DispatchOptionsValidator().Validate(null, new DispatchOptions
        {
            DispatchInterval = TimeSpan.FromSeconds(6),
            RouterMemory = 10,
            ListenerExpiry = TimeSpan.FromSeconds(30),
        });

        Assert.Equal(
            [
                "Balancer:Dispatch:DispatchInterval must be from 00:00:00.0100000 to 00:00:05; it is 00:00:06.",
                "Balancer:Dispatch:RouterMemory must be from 1000 to 10000000; it is 10.",
                "Balancer:Dispatch:ListenerExpiry must be from 00:01:30 to 01:00:00; it is 00:00:30.",
            ],
            result.Failures);
    }

    [Fact]
    public void AssignmentAndPriorityOptions_OutOfRange_FailNamingTheOption()
    {
        var assignment = new SelfCheckedOptions<Capacity.AssignmentOptions>(o => o.Validate()).Validate(
            null, new Capacity.AssignmentOptions { AckTimeout = TimeSpan.Zero });
        var priority = new SelfCheckedOptions<Capacity.PriorityOptions>(o => o.Validate())
            .Validate(null, new Capacity.PriorityOptions { ValueHalf = 0 });

        Assert.Equal(
            ["Balancer:Assignment:AckTimeout must be from 1 second to 10 minutes; it is 00:00:00."],
            assignment.Failures);
        Assert.Equal(["Balancer:Priority:ValueHalf must be above 0; it is 0."], priority.Failures);
    }
}
