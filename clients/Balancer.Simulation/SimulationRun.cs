using Balancer.Capacity;

namespace Balancer.Simulation;

/// <summary>Plays one scenario's workload in one mode, in virtual time, and reports its figures.</summary>
public static class SimulationRun
{
    private static readonly TimeSpan Tick = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan SettledOnline = TimeSpan.FromHours(1);

    /// <param name="cap">Sends per hour per sequence, for <see cref="RunMode.StaticCap"/>.</param>
    /// <param name="random">The controller's source of jitter, for <see cref="RunMode.Balancer"/>.</param>
    public static RunResult Execute(Scenario scenario, Workload workload, RunMode mode, int? cap, Random random)
    {
        var loop = new EventLoop(scenario.Start);
        var context = new RunContext(scenario, loop);
        var until = scenario.End + scenario.DrainLimit;
        var desk = new Desk(context, until);
        var intake = new Intake(context, desk);
        var balancer = mode == RunMode.Balancer ? new BalancerGate(context, desk, random) : null;
        ISendGate gate = mode switch
        {
            RunMode.Observe => new OpenGate(),
            RunMode.StaticCap => new StaticCapGate(scenario, cap ?? throw new ArgumentNullException(nameof(cap))),
            _ => balancer!,
        };
        var sender = new Sender(context, gate, intake, workload);
        foreach (var a in workload.Inbound)
        {
            var c = new SimConversation(
                $"{a.ContactId}@{a.At.UtcTicks}", a.ContactId, a.LifetimeValue, a.Channel, Attribution.None, "",
                a.Conversation);
            loop.At(a.At, () => intake.Message(c));
        }

        balancer?.Start(sender);
        var samples = new List<Sample>();
        TimeSpan? peakTimeToClear = null;
        var finished = until;
        loop.Every(scenario.Start, Tick, () =>
        {
            context.AdvanceQueues();
            desk.Dispatch();
            var drained = loop.Now >= scenario.End && sender.Outstanding == 0 && intake.Pending == 0 &&
                desk.OpenCount == 0;
            if (drained)
            {
                finished = loop.Now;
                loop.Stop();
            }

            return !drained;
        });
        loop.Every(scenario.Start, scenario.SampleEvery, () =>
        {
            var now = loop.Now;
            var breached = context.Tenant.Breached(now).OneDay;
            samples.Add(new Sample(
                now, Ratio.Of(breached, breached + context.Tenant.Met(now).OneDay),
                context.Queues.Values.Sum(q => q.Waiting), sender.Deferred(), balancer?.Throttled ?? 0));
            if (desk.OnlineLongerThan(SettledOnline))
            {
                foreach (var queue in context.Queues.Values)
                {
                    if (queue.TimeToClear(now) is { } clear && (peakTimeToClear is null || clear > peakTimeToClear))
                    {
                        peakTimeToClear = clear;
                    }
                }
            }

            return true;
        });

        loop.RunUntil(until);
        desk.Close();
        sender.Close();
        return Result(context, workload, mode, cap, balancer, finished, peakTimeToClear, samples);
    }

    private static RunResult Result(
        RunContext context, Workload workload, RunMode mode, int? cap, BalancerGate? balancer,
        DateTimeOffset finished, TimeSpan? peakTimeToClear, List<Sample> samples)
    {
        var t = context.Tally;
        var decided = t.Met + t.Breached;
        var waits = t.FirstResponseSeconds.Order().ToArray();
        var p90 = Percentiles.NearestRank(waits, 0.9) is { } seconds ? TimeSpan.FromSeconds(seconds) : (TimeSpan?)null;
        var sequences = context.Scenario.Sequences;
        var activities = t.BySource
            .Select((a, i) => new SequenceActivity(
                i < sequences.Count ? sequences[i].Id : "(inbound)", a.BotTouches, a.HumanInteractions,
                a.Escalations, a.Resolved))
            .ToList();
        var costs = activities.Select(a => BlendedCost.Of(context.Scenario.Costs, a)).ToList();
        var all = BlendedCost.Of(context.Scenario.Costs, new SequenceActivity(
            "(all)", t.BySource.Sum(a => a.BotTouches), t.BySource.Sum(a => a.HumanInteractions),
            t.BySource.Sum(a => a.Escalations), t.BySource.Sum(a => a.Resolved)));
        var planned = workload.PlannedSends;
        return new RunResult(
            mode, cap, decided, decided == 0 ? 0 : (double)t.Breached / decided, p90, peakTimeToClear,
            planned, t.Sends, t.DelayedSends, t.TotalDelay, t.MaxDelay, planned - t.Sends,
            t.OnlineSlotTime > TimeSpan.Zero ? t.BusySlotTime / t.OnlineSlotTime : 0, t.CeilingOverruns,
            all.PerResolved, t.BySource.Sum(a => a.Resolved), balancer?.DirectiveChanges ?? 0, finished, activities,
            costs,
            [.. t.BySequence.Select((d, i) => new SequenceDelay(sequences[i].Id, d.Sends, d.Delayed, d.Delay))],
            [.. context.Scenario.Queues.Select(q => t.ByQueue.GetValueOrDefault(q.Id) is var b
                ? new QueueBreaches(q.Id, b.Met + b.Breached, b.Breached) : null!)],
            samples);
    }
}
