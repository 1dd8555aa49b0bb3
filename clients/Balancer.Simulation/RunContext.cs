using Balancer.Capacity;

namespace Balancer.Simulation;

/// <summary>
/// What the parts of one run share: the clock, the ledgers the live system keeps (tenant, queues,
/// sequences, agents), and the run's own tally of outcomes.
/// </summary>
internal sealed class RunContext
{
    private readonly Dictionary<string, int> _sequenceIndex = new(StringComparer.Ordinal);

    public RunContext(Scenario scenario, EventLoop loop)
    {
        Scenario = scenario;
        Loop = loop;
        Tenant = new TenantLedger(Thresholds);
        Queues = scenario.Queues.ToDictionary(q => q.Id, q => new QueueLedger(q.ReplyWindow), StringComparer.Ordinal);
        Opened = scenario.Queues.ToDictionary(q => q.Id, _ => new WindowedCounter(), StringComparer.Ordinal);
        QueueLevels = scenario.Queues.ToDictionary(q => q.Id, _ => Trackers.Breach(Thresholds), StringComparer.Ordinal);
        Sequences = [.. scenario.Sequences.Select(_ => new SequenceLedger(Thresholds.RepeatEngagementWindow))];
        Agents = scenario.Agents.ToDictionary(a => a.Id, _ => new AgentLedger(), StringComparer.Ordinal);
        foreach (var agent in scenario.Agents)
        {
            Agents[agent.Id].Slots = agent.Slots;
            Agents[agent.Id].DailyCeiling = agent.DailyCeiling;
        }

        for (var i = 0; i < scenario.Sequences.Count; i++)
        {
            _sequenceIndex[scenario.Sequences[i].Id] = i;
        }

        Tally = new RunTally(scenario.Sequences.Count);
    }

    public Scenario Scenario { get; }

    public EventLoop Loop { get; }

    public DateTimeOffset Now => Loop.Now;

    /// <summary>The live system's defaults: the warn, high and critical breach levels, the 4:1 ratio.</summary>
    public ThresholdOptions Thresholds { get; } = new();

    public TenantLedger Tenant { get; }

    public IReadOnlyDictionary<string, QueueLedger> Queues { get; }

    /// <summary>Conversations opened in each queue, as its grain counts what it is given.</summary>
    public IReadOnlyDictionary<string, WindowedCounter> Opened { get; }

    /// <summary>Each queue's breach level, moved with hysteresis as the live system moves it.</summary>
    public IReadOnlyDictionary<string, ThresholdTracker> QueueLevels { get; }

    /// <summary>By the sequence's index in the scenario.</summary>
    public IReadOnlyList<SequenceLedger> Sequences { get; }

    public IReadOnlyDictionary<string, AgentLedger> Agents { get; }

    public RunTally Tally { get; }

    /// <summary>The index of a sequence by id; -1 for none, as for inbound load.</summary>
    public int SequenceIndex(Attribution source) => _sequenceIndex.GetValueOrDefault(source.SequenceId, -1);

    /// <summary>A conversation answered in time, counted as the queues count it.</summary>
    public void Met(string queueId, DateTimeOffset at)
    {
        Tally.Met++;
        Tally.ByQueue[queueId] = Tally.ByQueue.GetValueOrDefault(queueId) with
        {
            Met = Tally.ByQueue.GetValueOrDefault(queueId).Met + 1,
        };
        Tenant.Record(new TenantActivity(0, 0, 0, 0, 0, 0, 1, 0), at);
    }

    /// <summary>Breaches counted (or, negative, revoked), blamed on the sequence and step that caused them.</summary>
    public void Blame(string queueId, Attribution source, int breaches, DateTimeOffset at)
    {
        Tally.Breached += breaches;
        Tally.ByQueue[queueId] = Tally.ByQueue.GetValueOrDefault(queueId) with
        {
            Breached = Tally.ByQueue.GetValueOrDefault(queueId).Breached + breaches,
        };
        Tenant.Record(new TenantActivity(0, 0, 0, 0, 0, 0, 0, breaches), at);
        if (SequenceIndex(source) is >= 0 and var index)
        {
            Sequences[index].RecordBreaches(source.Step, breaches, at);
        }
    }

    /// <summary>Counts every deadline that has passed unanswered, as the queues' timers do.</summary>
    public void AdvanceQueues()
    {
        var breaches = new List<Breach>();
        foreach (var (id, ledger) in Queues)
        {
            breaches.Clear();
            ledger.Advance(Now, breaches);
            foreach (var breach in breaches)
            {
                Blame(id, breach.Source, 1, breach.Deadline);
            }
        }
    }
}
