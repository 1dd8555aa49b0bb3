namespace Balancer.Capacity.Tests;

public sealed class RoutingRulesTests
{
    [Fact]
    public void RoutingRules_Defaults_EscalateAfterTwoTouchesAndValidate()
    {
        var rules = new RoutingRules();

        Assert.Equal(
            ("bot", "senior", "overflow", 2, 5_000m, 2, TimeSpan.FromDays(30)),
            (rules.BotQueueId, rules.SeniorQueueId, rules.OverflowQueueId, rules.EscalateAfterTouches,
                rules.SeniorLifetimeValue, rules.SeniorComplaints, rules.ComplaintWindow));
        Assert.Empty(rules.BotIntents);
        Assert.Empty(rules.Validate());
    }

    [Fact]
    public void RoutingRules_OutOfRange_NameEachRule()
    {
        var rules = new RoutingRules
        {
            OverflowQueueId = " ",
            BotIntents = ["ok", ""],
            EscalateAfterTouches = 0,
            SeniorLifetimeValue = -1m,
            SeniorComplaints = 0,
            ComplaintWindow = TimeSpan.FromSeconds(5),
        };

        Assert.Equal(
            [
                "RoutingRules:OverflowQueueId must name a queue.",
                "RoutingRules:BotIntents must be a list of intents, none of them empty.",
                "RoutingRules:EscalateAfterTouches must be from 1 to 20; it is 0.",
                "RoutingRules:SeniorLifetimeValue must be 0 or more; it is -1.",
                "RoutingRules:SeniorComplaints must be from 1 to 100; it is 0.",
                "RoutingRules:ComplaintWindow must be from 1 minute to 366 days; it is 00:00:05.",
            ],
            rules.Validate());
    }
}
