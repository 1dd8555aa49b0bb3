namespace Balancer.Simulation;

/// <summary>A scenario's three runs, and how the static cap was tuned.</summary>
/// <param name="Tuning">Every static cap tried, in the order tried.</param>
/// <param name="CapMatched">
/// Whether some cap reached Balancer's breach rate; if none did, the static run is the tightest cap.
/// </param>
public sealed record Comparison(
    Scenario Scenario,
    int Seed,
    RunResult Observe,
    RunResult StaticCap,
    RunResult Balancer,
    IReadOnlyList<RunResult> Tuning,
    bool CapMatched)
{
    /// <summary>
    /// Runs the scenario observing only, with Balancer acting, and with the static cap tuned to
    /// Balancer's breach rate: the loosest cap, in whole sends an hour per sequence, whose breach
    /// rate is at most Balancer's, found by bisection between the scenario's bounds.
    /// </summary>
    public static Comparison Run(Scenario scenario, int seed)
    {
        var workload = WorkloadBuilder.Build(scenario, new Random(seed));
        var observe = SimulationRun.Execute(scenario, workload, RunMode.Observe, null, new Random(seed));
        var balancer = SimulationRun.Execute(scenario, workload, RunMode.Balancer, null, new Random(seed));
        var tried = new List<RunResult>();
        RunResult Capped(int cap)
        {
            var result = SimulationRun.Execute(scenario, workload, RunMode.StaticCap, cap, new Random(seed));
            tried.Add(result);
            return result;
        }

        // The breach rate falls as the cap tightens: keep the loosest cap known to reach Balancer's,
        // and the tightest known to miss it, until they are neighbours.
        var (low, high) = (scenario.StaticCap.Min, scenario.StaticCap.Max);
        var best = Capped(low);
        var matched = Reaches(best, balancer);
        if (matched && !Reaches(Capped(high), balancer))
        {
            while (high - low > 1)
            {
                var mid = low + ((high - low) / 2);
                var result = Capped(mid);
                if (Reaches(result, balancer))
                {
                    (low, best) = (mid, result);
                }
                else
                {
                    high = mid;
                }
            }
        }
        else if (matched)
        {
            best = tried[^1];
        }

        return new Comparison(scenario, seed, observe, best, balancer, tried, matched);
    }

    private static bool Reaches(RunResult run, RunResult target) => run.BreachRate <= target.BreachRate;
}
