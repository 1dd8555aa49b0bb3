namespace Balancer.Simulation.Tests;

public sealed class DeterminismTests
{
    private static readonly Scenario Steady = ScenarioFile.Load("steady-state");

    [Fact]
    public void Workload_SameSeed_IsTheSameWorkloadAndAnotherSeedIsNot()
    {
        var first = WorkloadBuilder.Build(Steady, new Random(3));
        var again = WorkloadBuilder.Build(Steady, new Random(3));
        var other = WorkloadBuilder.Build(Steady, new Random(4));

        Assert.Equal(first.Inbound, again.Inbound);
        Assert.Equal(
            first.Enrolments.Select(e => (e.ContactId, e.At)), again.Enrolments.Select(e => (e.ContactId, e.At)));
        Assert.NotEqual(first.Inbound.Select(a => a.At), other.Inbound.Select(a => a.At));
    }

    [Fact]
    public void SimulationRun_SameSeed_GivesTheSameFiguresSampleForSample()
    {
        var workload = WorkloadBuilder.Build(Steady, new Random(5));

        var first = SimulationRun.Execute(Steady, workload, RunMode.Balancer, null, new Random(5));
        var again = SimulationRun.Execute(Steady, WorkloadBuilder.Build(Steady, new Random(5)), RunMode.Balancer, null,
            new Random(5));

        Assert.Equal(first.Samples, again.Samples);
        Assert.Equal(first with { Samples = [], Activities = [], Costs = [], Delays = [], Queues = [] },
            again with { Samples = [], Activities = [], Costs = [], Delays = [], Queues = [] });
        Assert.Equal(first.Delays, again.Delays);
        Assert.Equal(first.Queues, again.Queues);
    }

    [Fact]
    public void SimulationRun_Observe_SendsEveryPlannedSendWhenDue()
    {
        var workload = WorkloadBuilder.Build(Steady, new Random(5));

        var run = SimulationRun.Execute(Steady, workload, RunMode.Observe, null, new Random(5));

        Assert.Equal((workload.PlannedSends, 0L, 0L), (run.Sends, run.DelayedSends, run.SendsLost));
        Assert.Equal(TimeSpan.Zero, run.TotalDelay);
    }
}
