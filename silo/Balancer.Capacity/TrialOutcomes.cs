namespace Balancer.Capacity;

/// <summary>
/// Follows each routed conversation to its outcome and reports it to a <see cref="RoutingTrial"/>
/// under the variant that routed it: its first human response, inside its reply window or not, or its
/// breach at the deadline.
/// </summary>
/// <remarks>
/// Outcomes are decided as a queue decides them: in time if the first response is stamped before the
/// deadline, breached at the deadline otherwise, and a response stamped before the deadline that arrives
/// after the breach was counted undoes it. A conversation is followed until its first response or its
/// resolution. Not thread-safe; the owner of the <see cref="Router"/> owns it.
/// </remarks>
public sealed class TrialOutcomes
{
    private readonly RoutingTrial _trial;
    private readonly Dictionary<string, Routed> _routed = new(StringComparer.Ordinal);
    private readonly DeadlineQueue<Routed> _deadlines = new((r, d) => !r.Done && !r.Breached && r.Deadline == d);
    private readonly List<(Routed Item, DateTimeOffset Deadline)> _due = [];

    public TrialOutcomes(RoutingTrial trial)
    {
        ArgumentNullException.ThrowIfNull(trial);
        _trial = trial;
    }

    /// <summary>Conversations followed now.</summary>
    public int Count => _routed.Count;

    /// <summary>
    /// Follows a conversation routed to a human by <paramref name="variant"/>; false if it is followed
    /// already, which keeps its first arrival.
    /// </summary>
    public bool Follow(string conversationId, string variant, DateTimeOffset arrived, DateTimeOffset deadline)
    {
        ArgumentNullException.ThrowIfNull(conversationId);
        ArgumentNullException.ThrowIfNull(variant);
        var routed = new Routed(variant, arrived, deadline);
        if (!_routed.TryAdd(conversationId, routed))
        {
            return false;
        }

        _deadlines.Add(routed, deadline);
        return true;
    }

    /// <summary>The conversation's first human response; false if it is not followed.</summary>
    public bool Answered(string conversationId, DateTimeOffset at)
    {
        if (!_routed.Remove(conversationId, out var routed))
        {
            return false;
        }

        var inTime = at < routed.Deadline;
        if (inTime && routed.Breached)
        {
            _trial.Revoked(routed.Variant);
        }

        Stop(routed);
        _trial.Answered(routed.Variant, at < routed.Arrived ? TimeSpan.Zero : at - routed.Arrived, inTime);
        return true;
    }

    /// <summary>The conversation closed without a human response; its breach, if any, stands.</summary>
    public bool Resolved(string conversationId)
    {
        if (!_routed.Remove(conversationId, out var routed))
        {
            return false;
        }

        Stop(routed);
        return true;
    }

    /// <summary>Counts as breached every followed conversation whose deadline is at or before now.</summary>
    /// <returns>The breaches counted.</returns>
    public int Advance(DateTimeOffset now)
    {
        _due.Clear();
        var count = _deadlines.PopDue(now, _due);
        foreach (var (routed, _) in _due)
        {
            routed.Breached = true;
            _trial.Breached(routed.Variant);
        }

        return count;
    }

    private void Stop(Routed routed)
    {
        // Done first, so a rebuild of the heap that this note may cause leaves the entry out.
        routed.Done = true;
        if (!routed.Breached)
        {
            _deadlines.NoteStale();
        }
    }

    private sealed class Routed(string variant, DateTimeOffset arrived, DateTimeOffset deadline)
    {
        public string Variant { get; } = variant;

        public DateTimeOffset Arrived { get; } = arrived;

        public DateTimeOffset Deadline { get; } = deadline;

        public bool Breached { get; set; }

        public bool Done { get; set; }
    }
}
