using Balancer.Capacity;

namespace Balancer.Simulation;

/// <summary>How the three runs of a scenario differ: only in what stands between the senders and their sends.</summary>
public enum RunMode
{
    /// <summary>Balancer only measures; every send goes when due.</summary>
    Observe,

    /// <summary>Each non-urgent sequence is capped at a fixed number of sends an hour.</summary>
    StaticCap,

    /// <summary>The cadence controller decides every period and senders obey send admission.</summary>
    Balancer,
}

/// <summary>The figures of one run.</summary>
/// <param name="Cap">The static cap in sends per hour per sequence, for that mode.</param>
/// <param name="Decided">Conversations met or breached.</param>
/// <param name="BreachRate">Breached over decided, over the whole run.</param>
/// <param name="P90FirstResponse">90th percentile of the first human response times.</param>
/// <param name="PeakTimeToClear">
/// The longest time to clear any queue reported, sampled while an agent had been online an hour.
/// </param>
/// <param name="TotalDelay">
/// Over the sends that went, from when the sequencer would have sent each to when it went; plus, for
/// sends never sent, their wait until the end of the run.
/// </param>
/// <param name="SendsLost">Planned sends never sent by the end of the run; zero when every send went.</param>
/// <param name="Utilisation">Slot time held by conversations over slot time online.</param>
/// <param name="CeilingOverruns">Agent-days past the daily ceiling.</param>
/// <param name="CostPerResolved">The blended cost over every conversation resolved, bot or human.</param>
/// <param name="Activities">What each sequence's conversations took, the usual inbound load last.</param>
/// <param name="Finished">When the last conversation was resolved and the last send gone, or the drain limit.</param>
public sealed record RunResult(
    RunMode Mode,
    int? Cap,
    long Decided,
    double BreachRate,
    TimeSpan? P90FirstResponse,
    TimeSpan? PeakTimeToClear,
    long PlannedSends,
    long Sends,
    long DelayedSends,
    TimeSpan TotalDelay,
    TimeSpan MaxDelay,
    long SendsLost,
    double Utilisation,
    int CeilingOverruns,
    decimal? CostPerResolved,
    long Resolved,
    int DirectiveChanges,
    DateTimeOffset Finished,
    IReadOnlyList<SequenceActivity> Activities,
    IReadOnlyList<SequenceCost> Costs,
    IReadOnlyList<SequenceDelay> Delays,
    IReadOnlyList<QueueBreaches> Queues,
    IReadOnlyList<Sample> Samples);

/// <summary>One queue's decided conversations and breaches.</summary>
public sealed record QueueBreaches(string QueueId, long Decided, long Breached)
{
    public double BreachRate => Decided == 0 ? 0 : (double)Breached / Decided;
}

/// <summary>What one sequence's sends waited for.</summary>
public sealed record SequenceDelay(string SequenceId, long Sends, long Delayed, TimeSpan TotalDelay);

/// <summary>The figures at one instant, for the plot.</summary>
/// <param name="BreachRate">
/// The tenant's breach rate over the last 24 hours, as the ledgers count it; null before anything was decided.
/// </param>
/// <param name="Waiting">Conversations waiting for a first human response, over all queues.</param>
/// <param name="Deferred">Sends due and held back.</param>
/// <param name="Throttled">Sequences above Normal.</param>
public sealed record Sample(DateTimeOffset At, double? BreachRate, int Waiting, int Deferred, int Throttled);
