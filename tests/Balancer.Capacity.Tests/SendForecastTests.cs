namespace Balancer.Capacity.Tests;

public sealed class SendForecastTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Project_Normal_StepOneKeepsPaceLaterStepFollowsOneDelayLater()
    {
        var plan = Plan(Grade.Normal, 1, null, TimeSpan.FromHours(2));

        // Step 1: 10 an hour. Step 2 (2 h after): its own 4 in the first hour, then the 10 step 1
        // sent in the last hour, then step 1's projected 10.
        Assert.Equal([14.0, 20, 20, 20], SendForecast.Project(plan, Now, 4));
    }

    [Fact]
    public void Project_EnrolmentsBlocked_OnlyContactsAlreadyInGoOn()
    {
        var plan = Plan(Grade.BlockEnrolments, 1, null, TimeSpan.FromHours(2));

        Assert.Equal([4.0, 10, 0, 0], SendForecast.Project(plan, Now, 4));
    }

    [Fact]
    public void Project_Stretched_DelaysGrowAndTheFlowBetweenStepsSlows()
    {
        var plan = Plan(Grade.Stretch, 3, null, TimeSpan.FromHours(1));

        // The 1-hour delay becomes 3: two hours of step 2's own 4 a third as fast, then step 1's last hour.
        Assert.Equal([4.0 / 3, 4.0 / 3, 10, 0], SendForecast.Project(plan, Now, 4));
    }

    [Fact]
    public void Project_Held_NothingBeforeTheHoldEnds()
    {
        var plan = Plan(Grade.Hold, 3, Now.AddHours(2), TimeSpan.FromHours(1));

        Assert.Equal([0.0, 0, 10, 0], SendForecast.Project(plan, Now, 4));
    }

    [Fact]
    public void Project_Paused_NothingInTheHorizon()
    {
        Assert.Equal([0.0, 0], SendForecast.Project(Plan(Grade.Pause, 1, null, TimeSpan.Zero), Now, 2));
    }

    [Fact]
    public void Project_ImmediateStep_SameHourAsTheStepBefore()
    {
        Assert.Equal([20.0, 20], SendForecast.Project(Plan(Grade.Normal, 1, null, TimeSpan.Zero), Now, 2));
    }

    private static SequencePlan Plan(Grade grade, double stretch, DateTimeOffset? holdUntil, TimeSpan stepTwoDelay) =>
        new("drip", [TimeSpan.Zero, stepTwoDelay], [10, 4], grade, stretch, holdUntil);
}
