namespace Balancer.Capacity.Tests;

public sealed class RoutingTrialTests
{
    [Fact]
    public void RoutingTrial_Outcomes_ShowSideBySideWithBreachRateAndP90()
    {
        var trial = new RoutingTrial();
        trial.Record(new RouteDecision(RouteTier.Overflow, "overflow", "", "trial"));
        trial.Record(new RouteDecision(RouteTier.Senior, "senior", "", "control"));
        for (var i = 1; i <= 10; i++)
        {
            trial.Answered("control", TimeSpan.FromMinutes(i), withinWindow: i <= 8);
        }

        trial.Breached("control");
        trial.Breached("control");
        trial.Answered("trial", TimeSpan.FromSeconds(30), withinWindow: true);

        var figures = trial.Figures();

        // Nearest rank: the 9th of 10 sorted minutes is the 90th percentile.
        Assert.Equal(
            [
                new("control", 1, 0, 1, 0, 2, 8, TimeSpan.FromMinutes(9)),
                new TrialFigures("trial", 1, 0, 0, 1, 0, 1, TimeSpan.FromSeconds(30)),
            ],
            figures);
        Assert.Equal(0.2, figures[0].BreachRate);
        Assert.Equal(0.0, figures[1].BreachRate);
    }

    [Fact]
    public void RoutingTrial_OtherVariants_FollowControlAndTrialInOrdinalOrder()
    {
        var trial = new RoutingTrial();
        foreach (var variant in new[] { "zeta", "trial", "alpha", "control" })
        {
            trial.Breached(variant);
        }

        Assert.Equal(["control", "trial", "alpha", "zeta"], trial.Figures().Select(f => f.Variant));
    }

    [Fact]
    public void RoutingTrial_Nothing_HasNoFiguresOrRates()
    {
        var trial = new RoutingTrial();
        trial.Record(new RouteDecision(RouteTier.Bot, "bot", "", "control"));

        var figures = Assert.Single(trial.Figures());

        Assert.Null(figures.BreachRate);
        Assert.Null(figures.FirstResponseP90);
    }

    [Fact]
    public void RoutingTrial_ManyAnswers_MeasuresTheNewest4096()
    {
        var trial = new RoutingTrial();
        for (var i = 0; i < 5_000; i++)
        {
            trial.Answered("control", TimeSpan.FromSeconds(i < 904 ? 100_000 : i), true);
        }

        // The first 904 are overwritten; the rest run from 904 to 4999 s, whose nearest-rank p90 is
        // the 3687th: 904 + 3686 = 4590 s.
        Assert.Equal(TimeSpan.FromSeconds(4590), trial.Figures()[0].FirstResponseP90);
    }
}
