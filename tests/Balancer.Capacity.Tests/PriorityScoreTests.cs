namespace Balancer.Capacity.Tests;

public sealed class PriorityScoreTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    private static readonly PriorityScore Score = new(new PriorityOptions());

    [Fact]
    public void PriorityScore_HalfwayEverywhere_WeighsEachPart()
    {
        // Urgency 1 - 30/60 = 0.5, value 1000 / 2000 = 0.5, wait 1/4 = 0.25:
        // 0.6 x 0.5 + 0.25 x 0.5 + 0.15 x 0.25 = 0.4625.
        var score = Score.Score(Now.AddMinutes(30), 1_000m, Now.AddHours(-1), Now);

        Assert.Equal(0.4625, score, 12);
    }

    [Fact]
    public void PriorityScore_PastTheDeadline_HasFullUrgency()
    {
        Assert.Equal(0.6, Score.Score(Now.AddMinutes(-5), 0m, Now, Now), 12);
    }

    [Fact]
    public void PriorityScore_FarDeadlineNoValueLongWait_ScoresOnlyTheCappedWait()
    {
        Assert.Equal(0.15, Score.Score(Now.AddHours(2), -50m, Now.AddHours(-8), Now), 12);
    }

    [Fact]
    public void PriorityScore_MoreValue_ScoresHigherWithoutPassingTheWeight()
    {
        var low = Score.Score(Now.AddHours(2), 100m, Now, Now);
        var high = Score.Score(Now.AddHours(2), 100_000m, Now, Now);

        // 100 / 1100 x 0.25 and 100000 / 101000 x 0.25.
        Assert.Equal(0.25 * 100 / 1100, low, 12);
        Assert.Equal(0.25 * 100_000 / 101_000, high, 12);
    }

    [Fact]
    public void PriorityOptions_Defaults_ValidateAndSumToOne()
    {
        var options = new PriorityOptions();

        Assert.Equal(
            (0.6, 0.25, 0.15, TimeSpan.FromHours(1), 1_000m, TimeSpan.FromHours(4)),
            (options.DeadlineWeight, options.ValueWeight, options.WaitWeight, options.DeadlineHorizon,
                options.ValueHalf, options.WaitHorizon));
        Assert.Equal("Balancer:Priority", PriorityOptions.Section);
        Assert.Empty(options.Validate());
    }

    [Fact]
    public void PriorityOptions_OutOfRange_NameEachOption()
    {
        var options = new PriorityOptions
        {
            DeadlineWeight = -1,
            ValueWeight = 0,
            WaitWeight = 0,
            DeadlineHorizon = TimeSpan.Zero,
            ValueHalf = 0,
        };

        Assert.Equal(
            [
                "Balancer:Priority:DeadlineWeight must be from 0 to 100; it is -1.",
                "Balancer:Priority:DeadlineWeight, ValueWeight and WaitWeight must not all be zero.",
                "Balancer:Priority:DeadlineHorizon must be from 1 second to 7 days; it is 00:00:00.",
                "Balancer:Priority:ValueHalf must be above 0; it is 0.",
            ],
            options.Validate());
    }
}
