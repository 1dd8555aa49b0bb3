namespace Balancer.Simulation;

/// <summary>A scenario's three runs, and how the static cap was tuned.</summary>
/// <param name="Tuning">Every static cap tried, in the order tried.</param>
/// <param name="CapMatched">
/// Whether some cap reached Balancer's breach rate; if none did, the static run is the tightest cap.
/// </param>
/// <param name="CampaignReplies">Replies the campaign's sequences draw, whatever their timing.</param>
/// <param name="UsualReplies">Replies of the usual load: inbound and the sequences not in the campaign.</param>
public sealed record Comparison(
    Scenario Scenario,
    int Seed,
    RunResult Observe,
    RunResult StaticCap,
    RunResult Balancer,
    IReadOnlyList<RunResult> Tuning,
    bool CapMatched,
    long CampaignReplies,
    long UsualReplies)
{
    /// <summary>The target the issue sets the default scenario, breach rates as shares.</summary>
    public const double ObserveBreachAbove = 0.20;

    /// <summary>The breach rate Balancer must stay at or under: the warn threshold.</summary>
    public const double BalancerBreachAtMost = 0.10;

    /// <summary>How much the campaign adds to the usual replies.</summary>
    public double ReplyLift => UsualReplies == 0 ? 0 : (double)CampaignReplies / UsualReplies;

    /// <summary>
    /// Observing only breaches above 20%, Balancer at most 10% with no send lost, and with less total
    /// delay than the static cap.
    /// </summary>
    public bool MeetsTarget =>
        Observe.BreachRate > ObserveBreachAbove && Balancer.BreachRate <= BalancerBreachAtMost &&
        Balancer.SendsLost == 0 && Balancer.TotalDelay < StaticCap.TotalDelay;

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
        var best = Capped(high);
        var matched = Reaches(best, balancer);
        if (!matched)
        {
            best = Capped(low);
            matched = Reaches(best, balancer);
        }

        if (matched && best.Cap == low)
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

        var replies = workload.Enrolments
            .Select(e => (Campaign: scenario.Sequences[e.Sequence].Campaign,
                Replies: e.Steps.Take(e.PlannedSends).Count(s => s.Outcome == StepOutcome.Reply)))
            .ToList();
        return new Comparison(
            scenario, seed, observe, best, balancer, tried, matched, replies.Where(r => r.Campaign).Sum(r => r.Replies),
            workload.Inbound.Count + replies.Where(r => !r.Campaign).Sum(r => r.Replies));
    }

    private static bool Reaches(RunResult run, RunResult target) => run.BreachRate <= target.BreachRate;
}
