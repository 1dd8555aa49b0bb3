namespace Balancer.Capacity;

/// <summary>
/// One queue's open conversations and the figures they make: depth, oldest wait, first-response
/// times, breach rate, throughput and the time to clear.
/// </summary>
/// <remarks>
/// A conversation is decided once: met at its first response if that came before the deadline,
/// breached at the deadline otherwise, whenever the answer finally arrives. The breach rate is
/// breached over decided conversations in the window. Not thread-safe; a grain owns each instance.
/// </remarks>
public sealed class QueueLedger
{
    private static readonly double[] MedianAndP90 = [0.5, 0.9];

    private readonly Dictionary<string, Conversation> _open = new(StringComparer.Ordinal);
    private readonly DeadlineQueue<Conversation> _deadlines =
        new((c, d) => c.IsWaiting && !c.Breached && c.Deadline == d);
    private readonly DeadlineQueue<Conversation> _oldest = new((c, _) => c.IsWaiting);
    private readonly WindowedCounter _opened = new();
    private readonly WindowedCounter _met = new();
    private readonly WindowedCounter _breached = new();
    private readonly WindowedCounter _firstResponses = new();
    private readonly RollingSamples _waitSeconds;
    private readonly List<(Conversation Item, DateTimeOffset Deadline)> _due = [];

    public QueueLedger(TimeSpan replyWindow, int sampleCapacity = 4096)
    {
        ReplyWindow = replyWindow;
        _waitSeconds = new RollingSamples(sampleCapacity);
    }

    /// <summary>The promised reply window; a change applies to conversations opened after it.</summary>
    public TimeSpan ReplyWindow { get; set; }

    /// <summary>Open conversations still waiting for their first human response.</summary>
    public int Waiting { get; private set; }

    /// <summary>Open conversations, answered or not.</summary>
    public int OpenCount => _open.Count;

    public OpenKind Open(string conversationId, Attribution source, bool escalated, DateTimeOffset at)
    {
        if (_open.ContainsKey(conversationId))
        {
            return OpenKind.AlreadyOpen;
        }

        var conversation = new Conversation(conversationId, source, escalated, at, at + ReplyWindow);
        _open.Add(conversationId, conversation);
        _deadlines.Add(conversation, conversation.Deadline);
        _oldest.Add(conversation, at);
        _opened.Add(at);
        Waiting++;
        return OpenKind.Opened;
    }

    public ResponseOutcome Respond(string conversationId, string agentId, DateTimeOffset at)
    {
        if (!_open.TryGetValue(conversationId, out var c))
        {
            return new ResponseOutcome(ResponseKind.Unknown, Attribution.None, false, TimeSpan.Zero);
        }

        if (c.FirstResponseAt is not null)
        {
            return new ResponseOutcome(ResponseKind.AlreadyAnswered, c.Source, c.Escalated, TimeSpan.Zero);
        }

        var wait = at < c.OpenedAt ? TimeSpan.Zero : at - c.OpenedAt;
        NoteLeftWaiting(c);
        c.FirstResponseAt = at;
        c.AgentId = agentId;
        Waiting--;
        _firstResponses.Add(at);
        _waitSeconds.Add(at, wait.TotalSeconds);

        var inTime = at < c.Deadline;
        ResponseKind kind;
        if (inTime)
        {
            _met.Add(at);
            if (c.Breached)
            {
                _breached.Add(c.Deadline, -1);
                c.Breached = false;
                kind = ResponseKind.Revoked;
            }
            else
            {
                kind = ResponseKind.InTime;
            }
        }
        else if (c.Breached)
        {
            kind = ResponseKind.Late;
        }
        else
        {
            _breached.Add(c.Deadline);
            c.Breached = true;
            kind = ResponseKind.LateBreach;
        }

        return new ResponseOutcome(kind, c.Source, c.Escalated, wait);
    }

    public ResolveOutcome Resolve(string conversationId, DateTimeOffset at)
    {
        if (!_open.Remove(conversationId, out var c))
        {
            return new ResolveOutcome(false, Attribution.None, null, null);
        }

        if (c.FirstResponseAt is null)
        {
            NoteLeftWaiting(c);
            Waiting--;
        }

        c.Closed = true;
        var handle = c.FirstResponseAt is { } first && at >= first ? at - first : (TimeSpan?)null;
        return new ResolveOutcome(true, c.Source, c.AgentId, handle);
    }

    /// <summary>
    /// Counts as breached every waiting conversation whose deadline is at or before <paramref name="now"/>.
    /// </summary>
    /// <returns>How many were added to <paramref name="breaches"/>.</returns>
    public int Advance(DateTimeOffset now, List<Breach> breaches)
    {
        _due.Clear();
        _deadlines.PopDue(now, _due);
        foreach (var (c, deadline) in _due)
        {
            c.Breached = true;
            _breached.Add(deadline);
            breaches.Add(new Breach(c.Id, c.Source, deadline));
        }

        return _due.Count;
    }

    public TimeSpan? OldestWait(DateTimeOffset now) =>
        _oldest.NextDeadline() is { } opened ? Max(now - opened, TimeSpan.Zero) : null;

    /// <summary>Until the next waiting conversation breaches; zero if one is already due, null if none waits.</summary>
    public TimeSpan? NextBreachIn(DateTimeOffset now) =>
        _deadlines.NextDeadline() is { } deadline ? Max(deadline - now, TimeSpan.Zero) : null;

    /// <summary>Conversations opened: the queue's arrivals.</summary>
    public Windowed<long> Opened(DateTimeOffset now) => _opened.Sums(now);

    public Windowed<long> Met(DateTimeOffset now) => _met.Sums(now);

    public Windowed<long> Breached(DateTimeOffset now) => _breached.Sums(now);

    public Windowed<long> FirstResponses(DateTimeOffset now) => _firstResponses.Sums(now);

    public double? BreachRate(RollingWindow window, DateTimeOffset now, int minimumSample)
    {
        var breached = _breached.Sum(window, now);
        return Ratio.Of(breached, breached + _met.Sum(window, now), minimumSample);
    }

    /// <summary>First-response time p50 and p90, in seconds, over <paramref name="window"/>.</summary>
    public (double? P50, double? P90) FirstResponseSeconds(RollingWindow window, DateTimeOffset now)
    {
        Span<double?> results = stackalloc double?[2];
        _waitSeconds.Percentiles(now, window.Span(), MedianAndP90, results);
        return (results[0], results[1]);
    }

    /// <summary>
    /// How long the waiting conversations take to clear at the last hour's first-response pace:
    /// zero when none waits, null when some wait and nobody answered in the hour.
    /// </summary>
    public TimeSpan? TimeToClear(DateTimeOffset now)
    {
        if (Waiting == 0)
        {
            return TimeSpan.Zero;
        }

        var perHour = _firstResponses.Sum(RollingWindow.OneHour, now);
        return perHour == 0 ? null : TimeSpan.FromHours((double)Waiting / perHour);
    }

    /// <summary>A conversation stops waiting: its entries in the heaps go stale.</summary>
    private void NoteLeftWaiting(Conversation c)
    {
        _oldest.NoteStale();
        if (!c.Breached)
        {
            _deadlines.NoteStale();
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private sealed class Conversation(
        string id, Attribution source, bool escalated, DateTimeOffset openedAt, DateTimeOffset deadline)
    {
        public string Id { get; } = id;

        public Attribution Source { get; } = source;

        public bool Escalated { get; } = escalated;

        public DateTimeOffset OpenedAt { get; } = openedAt;

        public DateTimeOffset Deadline { get; } = deadline;

        public DateTimeOffset? FirstResponseAt { get; set; }

        public string? AgentId { get; set; }

        public bool Breached { get; set; }

        public bool Closed { get; set; }

        public bool IsWaiting => !Closed && FirstResponseAt is null;
    }
}
