namespace Balancer.Capacity;

/// <summary>
/// One sequence's sends and what they caused, per step: replies, the share needing a human,
/// bot outcomes, conversions and the breaches attributed to it; plus repeat entries.
/// </summary>
public sealed class SequenceLedger(TimeSpan repeatWindow)
{
    private readonly SortedDictionary<int, StepTally> _steps = [];
    private readonly Dictionary<string, DateTimeOffset> _lastEntry = new(StringComparer.Ordinal);
    private readonly WindowedCounter _entries = new();
    private readonly WindowedCounter _repeatEntries = new();

    /// <summary>The step a contact enters a sequence at.</summary>
    public const int FirstStep = 1;

    public IReadOnlyDictionary<int, StepTally> Steps => _steps;

    /// <summary>Contacts remembered for repeat detection; pruned to the repeat window.</summary>
    public int RememberedContacts => _lastEntry.Count;

    /// <returns>True when the send was a contact re-entering within the repeat window.</returns>
    public bool RecordSend(int step, Channel channel, string contactId, DateTimeOffset at)
    {
        Step(step).AddSend(channel, at);
        if (step != FirstStep)
        {
            return false;
        }

        _entries.Add(at);
        var repeat = _lastEntry.TryGetValue(contactId, out var last) && at - last < repeatWindow && at >= last;
        if (repeat)
        {
            _repeatEntries.Add(at);
        }

        if (!_lastEntry.TryGetValue(contactId, out last) || at > last)
        {
            _lastEntry[contactId] = at;
        }

        return repeat;
    }

    public void RecordReply(int step, bool needsHuman, DateTimeOffset at)
    {
        var tally = Step(step);
        tally.Replies.Add(at);
        (needsHuman ? tally.HumanReplies : tally.BotReplies).Add(at);
    }

    public void RecordBotResolved(int step, DateTimeOffset at) => Step(step).BotResolved.Add(at);

    /// <summary>A bot conversation handed to a human, which makes it human work too.</summary>
    public void RecordEscalated(int step, DateTimeOffset at)
    {
        var tally = Step(step);
        tally.Escalated.Add(at);
        tally.HumanReplies.Add(at);
    }

    public void RecordConversion(int step, DateTimeOffset at) => Step(step).Conversions.Add(at);

    /// <summary>Breaches blamed on a step; negative undoes breaches revoked by a late-arriving response.</summary>
    public void RecordBreaches(int step, long count, DateTimeOffset at) => Step(step).Breaches.Add(at, count);

    /// <summary>Conversations of this step that humans resolved, as their queues report them.</summary>
    public void RecordResolved(int step, long count, DateTimeOffset at) => Step(step).Resolved.Add(at, count);

    public Windowed<long> Entries(DateTimeOffset now) => _entries.Sums(now);

    public Windowed<long> RepeatEntries(DateTimeOffset now) => _repeatEntries.Sums(now);

    /// <summary>Sums one measure across the steps.</summary>
    public Windowed<long> Total(Func<StepTally, WindowedCounter> measure, DateTimeOffset now)
    {
        var total = new Windowed<long>(0, 0, 0);
        foreach (var tally in _steps.Values)
        {
            total = Windowed<long>.Combine(total, measure(tally).Sums(now), (a, b) => a + b);
        }

        return total;
    }

    /// <summary>Forgets contacts whose last entry is older than the repeat window.</summary>
    public int Prune(DateTimeOffset now)
    {
        var removed = 0;
        foreach (var (contact, last) in _lastEntry)
        {
            if (now - last >= repeatWindow)
            {
                _lastEntry.Remove(contact);
                removed++;
            }
        }

        return removed;
    }

    private StepTally Step(int step)
    {
        if (!_steps.TryGetValue(step, out var tally))
        {
            tally = new StepTally();
            _steps.Add(step, tally);
        }

        return tally;
    }
}

/// <summary>The counters of one step of a sequence.</summary>
public sealed class StepTally
{
    private readonly WindowedCounter?[] _sendsByChannel = new WindowedCounter?[4];

    public WindowedCounter Sends { get; } = new();

    public WindowedCounter Replies { get; } = new();

    /// <summary>Replies that went straight to a human plus bot conversations escalated to one.</summary>
    public WindowedCounter HumanReplies { get; } = new();

    /// <summary>Replies a bot took first.</summary>
    public WindowedCounter BotReplies { get; } = new();

    public WindowedCounter BotResolved { get; } = new();

    public WindowedCounter Escalated { get; } = new();

    public WindowedCounter Conversions { get; } = new();

    public WindowedCounter Breaches { get; } = new();

    /// <summary>Conversations resolved by humans; a bot's resolutions are <see cref="BotResolved"/>.</summary>
    public WindowedCounter Resolved { get; } = new();

    /// <summary>The sends of one channel, or null if none went out on it.</summary>
    public WindowedCounter? SendsOn(Channel channel) => _sendsByChannel[(int)channel];

    internal void AddSend(Channel channel, DateTimeOffset at)
    {
        Sends.Add(at);
        (_sendsByChannel[(int)channel] ??= new WindowedCounter()).Add(at);
    }
}
