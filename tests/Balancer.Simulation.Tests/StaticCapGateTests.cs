namespace Balancer.Simulation.Tests;

public sealed class StaticCapGateTests
{
    private static readonly Scenario Drip = ScenarioFile.Load(ScenarioFile.DefaultName);
    private static readonly DateTimeOffset Ten = new(2026, 3, 3, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void StaticCapGate_OverTheCap_HoldsTheRestUntilTheNextClockHour()
    {
        var gate = new StaticCapGate(Drip, 30);

        var first = gate.Ask(0, 1, 20, Ten.AddMinutes(10));
        var second = gate.Ask(0, 2, 20, Ten.AddMinutes(40));
        var nextHour = gate.Ask(0, 1, 20, Ten.AddMinutes(60));

        Assert.Equal(new GateAnswer(20, null), first);
        Assert.Equal(new GateAnswer(10, Ten.AddHours(1)), second);
        Assert.Equal(new GateAnswer(20, null), nextHour);
    }

    [Fact]
    public void StaticCapGate_UrgentSequence_IsNotCapped()
    {
        var urgent = Drip.Sequences.ToList().FindIndex(s => s.Urgent);

        Assert.Equal(new GateAnswer(500, null), new StaticCapGate(Drip, 1).Ask(urgent, 1, 500, Ten));
    }
}
