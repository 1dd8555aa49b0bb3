using System.Globalization;

namespace Balancer.Simulation.Tests;

/// <summary>The default scenario's three runs, made once for every test class that reads them.</summary>
public sealed class DefaultScenarioFixture
{
    public const int Seed = 1;

    public Comparison Comparison { get; } = Comparison.Run(ScenarioFile.Load(ScenarioFile.DefaultName), Seed);
}

[CollectionDefinition(Name)]
public sealed class DefaultScenarioCollection : ICollectionFixture<DefaultScenarioFixture>
{
    public const string Name = "default scenario";
}

[Collection(DefaultScenarioCollection.Name)]
public sealed class DefaultScenarioTests(DefaultScenarioFixture fixture)
{
    private readonly Comparison _c = fixture.Comparison;

    [Fact]
    public void DefaultScenario_SeedOne_MeetsTheTarget()
    {
        Assert.True(_c.Observe.BreachRate > 0.20, $"observing only breaches {_c.Observe.BreachRate:P1}");
        Assert.True(_c.Balancer.BreachRate <= 0.10, $"Balancer breaches {_c.Balancer.BreachRate:P1}");
        Assert.Equal(0, _c.Balancer.SendsLost);
        Assert.Equal(_c.Balancer.PlannedSends, _c.Balancer.Sends);
        Assert.True(
            _c.Balancer.TotalDelay < _c.StaticCap.TotalDelay,
            $"{_c.Balancer.TotalDelay} against {_c.StaticCap.TotalDelay}");
        Assert.True(_c.StaticCap.BreachRate <= _c.Balancer.BreachRate || !_c.CapMatched);
        Assert.True(_c.MeetsTarget);
    }

    [Fact]
    public void DefaultScenario_SeedOne_GivesTheseExactFigures()
    {
        Assert.Equal(
            "cap  decided 722 breach 0.2992 p90 905.6 clear 1380 delayed 0 delay 0.0 lost 0 util 0.933 " +
            "overruns 0 cost 3.28 changes 0",
            Figures(_c.Observe));
        Assert.Equal(
            "cap 1 decided 544 breach 0.0221 p90 50.2 clear 105 delayed 823 delay 1177534.5 lost 3164 util 0.677 " +
            "overruns 0 cost 3.55 changes 0",
            Figures(_c.StaticCap));
        Assert.Equal(
            "cap  decided 722 breach 0.0222 p90 99.5 clear 220 delayed 3702 delay 42764.9 lost 0 util 0.903 " +
            "overruns 0 cost 3.28 changes 50",
            Figures(_c.Balancer));
        Assert.Equal("512 1 256 128 64 32 16 8 4 2", string.Join(" ", _c.Tuning.Select(t => t.Cap)));
    }

    [Fact]
    public void DefaultScenario_Campaign_LiftsRepliesByAboutFortyPerCentTheBotResolvingHalf()
    {
        Assert.Equal((347, 809), (_c.CampaignReplies, _c.UsualReplies));
        Assert.InRange(_c.ReplyLift, 0.35, 0.50);
    }

    [Fact]
    public void DefaultScenario_Balancer_LeavesUrgentSendsAlone()
    {
        var urgent = _c.Scenario.Sequences.Select((s, i) => (s, i)).Where(x => x.s.Urgent).Select(x => x.i).ToList();

        Assert.NotEmpty(urgent);
        Assert.All(urgent, i => Assert.Equal(0, _c.Balancer.Delays[i].Delayed));
    }

    /// <summary>The figures that matter, exactly as the seeded run produces them.</summary>
    private static string Figures(RunResult r) => string.Create(CultureInfo.InvariantCulture,
        $"cap {r.Cap} decided {r.Decided} breach {r.BreachRate:F4} p90 {r.P90FirstResponse?.TotalMinutes:F1} " +
        $"clear {r.PeakTimeToClear?.TotalMinutes:F0} delayed {r.DelayedSends} delay {r.TotalDelay.TotalHours:F1} " +
        $"lost {r.SendsLost} util {r.Utilisation:F3} overruns {r.CeilingOverruns} cost {r.CostPerResolved:F2} " +
        $"changes {r.DirectiveChanges}");
}
