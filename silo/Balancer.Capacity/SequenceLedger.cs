namespace Balancer.Capacity;

/// <summary>
/// One sequence's sends and what they caused, per step: replies, the share needing a human,
/// bot outcomes, conversions and the breaches attributed to it; plus repeat entries, the sends and
/// human replies since the ledger began, and the reply lag: how long after a send its reply comes.
/// </summary>
/// <remarks>
/// The reply lag is measured on a sample of contacts, one in <see cref="LagSampleEvery"/> by a stable
/// hash of the contact id, so its memory stays a fraction of the contacts sent to in
/// <see cref="LagMemory"/>.
/// </remarks>
public sealed class SequenceLedger(TimeSpan repeatWindow)
{
    /// <summary>One contact in this many is followed from send to reply.</summary>
    public const int LagSampleEvery = 8;

    /// <summary>How long a sampled send waits for its reply before it is forgotten.</summary>
    public static readonly TimeSpan LagMemory = TimeSpan.FromDays(2);

    private readonly Dictionary<string, DateTimeOffset> _lastSend = new(StringComparer.Ordinal);
    private readonly WindowedCounter _lagMilliseconds = new();
    private readonly WindowedCounter _lagged = new();
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
        SendsSinceStart++;
        FirstSendAt ??= at;
        if (Sampled(contactId))
        {
            _lastSend[contactId] = at;
        }

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

    /// <summary>All sends since the ledger began.</summary>
    public long SendsSinceStart { get; private set; }

    /// <summary>All replies needing a human since the ledger began, escalations included.</summary>
    public long HumanRepliesSinceStart { get; private set; }

    public DateTimeOffset? FirstSendAt { get; private set; }

    /// <param name="contactId">Who replied; their last sampled send, if any, times the reply lag.</param>
    public void RecordReply(int step, bool needsHuman, DateTimeOffset at, string contactId = "")
    {
        var tally = Step(step);
        tally.Replies.Add(at);
        (needsHuman ? tally.HumanReplies : tally.BotReplies).Add(at);
        HumanRepliesSinceStart += needsHuman ? 1 : 0;
        if (contactId.Length > 0 && _lastSend.Remove(contactId, out var sent) && at >= sent)
        {
            _lagMilliseconds.Add(at, (long)(at - sent).TotalMilliseconds);
            _lagged.Add(at);
        }
    }

    /// <summary>The mean time from a sampled send to its reply, over the last day's replies; null before any.</summary>
    public TimeSpan? ReplyLag(DateTimeOffset now)
    {
        var lagged = _lagged.Sum(RollingWindow.OneDay, now);
        return lagged == 0
            ? null
            : TimeSpan.FromMilliseconds((double)_lagMilliseconds.Sum(RollingWindow.OneDay, now) / lagged);
    }

    public void RecordBotResolved(int step, DateTimeOffset at) => Step(step).BotResolved.Add(at);

    /// <summary>A bot conversation handed to a human, which makes it human work too.</summary>
    public void RecordEscalated(int step, DateTimeOffset at)
    {
        var tally = Step(step);
        tally.Escalated.Add(at);
        tally.HumanReplies.Add(at);
        HumanRepliesSinceStart++;
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

    /// <summary>
    /// Forgets contacts whose last entry is older than the repeat window, and sampled sends older than
    /// <see cref="LagMemory"/>.
    /// </summary>
    /// <returns>How many contacts were forgotten for repeat detection.</returns>
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

        foreach (var (contact, sent) in _lastSend)
        {
            if (now - sent >= LagMemory)
            {
                _lastSend.Remove(contact);
            }
        }

        return removed;
    }

    private static bool Sampled(string contactId) =>
        contactId.Length > 0 && StableHash.Fnv1a(contactId) % LagSampleEvery == 0;

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
