namespace Balancer.Capacity.Tests;

public sealed class TrialOutcomesTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    private static readonly TimeSpan Window = TimeSpan.FromMinutes(10);

    [Fact]
    public void TrialOutcomes_AnsweredInTimeAndBreached_AreTalliedUnderTheirVariants()
    {
        var trial = new RoutingTrial();
        var outcomes = new TrialOutcomes(trial);
        outcomes.Follow("c1", "control", Start, Start + Window);
        outcomes.Follow("c2", "trial", Start, Start + Window);

        outcomes.Answered("c1", Start + TimeSpan.FromMinutes(4));
        var before = outcomes.Advance(Start + Window - TimeSpan.FromTicks(1));
        var at = outcomes.Advance(Start + Window);

        Assert.Equal((0, 1), (before, at));
        Assert.Equal(
            [
                new("control", 0, 0, 0, 0, 0, 1, TimeSpan.FromMinutes(4)),
                new TrialFigures("trial", 0, 0, 0, 0, 1, 0, null),
            ],
            trial.Figures());
        Assert.Equal(1, outcomes.Count);
    }

    [Fact]
    public void TrialOutcomes_LateAnswer_AddsItsTimeAndNoSecondOutcome()
    {
        var trial = new RoutingTrial();
        var outcomes = new TrialOutcomes(trial);
        outcomes.Follow("c1", "control", Start, Start + Window);
        outcomes.Advance(Start + Window);

        Assert.True(outcomes.Answered("c1", Start + TimeSpan.FromMinutes(15)));

        Assert.Equal([new TrialFigures("control", 0, 0, 0, 0, 1, 0, TimeSpan.FromMinutes(15))], trial.Figures());
        Assert.Equal(0, outcomes.Count);
    }

    [Fact]
    public void TrialOutcomes_AnswerStampedBeforeTheDeadlineArrivingAfterTheBreach_UndoesIt()
    {
        var trial = new RoutingTrial();
        var outcomes = new TrialOutcomes(trial);
        outcomes.Follow("c1", "trial", Start, Start + Window);
        outcomes.Advance(Start + Window + TimeSpan.FromSeconds(5));

        outcomes.Answered("c1", Start + Window - TimeSpan.FromSeconds(1));

        var figures = Assert.Single(trial.Figures());
        Assert.Equal((0L, 1L, 0.0), (figures.Breaches, figures.AnsweredInWindow, figures.BreachRate));
    }

    [Fact]
    public void TrialOutcomes_ResolvedUnanswered_StopsFollowingWithoutAnOutcome()
    {
        var trial = new RoutingTrial();
        var outcomes = new TrialOutcomes(trial);
        outcomes.Follow("c1", "control", Start, Start + Window);

        Assert.True(outcomes.Resolved("c1"));

        Assert.Equal(0, outcomes.Advance(Start + Window));
        Assert.False(outcomes.Answered("c1", Start + Window));
        Assert.Empty(trial.Figures());
    }

    [Fact]
    public void TrialOutcomes_FollowedTwice_KeepsTheFirstArrival()
    {
        var trial = new RoutingTrial();
        var outcomes = new TrialOutcomes(trial);

        Assert.True(outcomes.Follow("c1", "control", Start, Start + Window));
        Assert.False(outcomes.Follow("c1", "trial", Start + TimeSpan.FromMinutes(1), Start + (2 * Window)));
        outcomes.Answered("c1", Start + TimeSpan.FromMinutes(3));

        Assert.Equal(
            [new TrialFigures("control", 0, 0, 0, 0, 0, 1, TimeSpan.FromMinutes(3))], trial.Figures());
    }

    [Fact]
    public void TrialOutcomes_ManyAnsweredEarly_LeaveNoBreachesBehind()
    {
        var trial = new RoutingTrial();
        var outcomes = new TrialOutcomes(trial);
        for (var i = 0; i < 5_000; i++)
        {
            outcomes.Follow($"c{i}", "control", Start, Start + Window);
            outcomes.Answered($"c{i}", Start + TimeSpan.FromMinutes(1));
        }

        outcomes.Follow("late", "control", Start, Start + Window);

        // Past the heap's rebuild, only the one unanswered conversation breaches.
        Assert.Equal(1, outcomes.Advance(Start + Window));
        var figures = Assert.Single(trial.Figures());
        Assert.Equal((1L, 5_000L), (figures.Breaches, figures.AnsweredInWindow));
    }
}
