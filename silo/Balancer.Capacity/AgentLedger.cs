namespace Balancer.Capacity;

/// <summary>
/// One agent's load: conversations held against concurrent slots, replies today against the daily
/// ceiling, and the measured pace of first responses and closures, and the handle time: how long a
/// conversation holds one of the agent's slots.
/// </summary>
/// <remarks>
/// An agent holds a conversation from their first response to its resolution. The day for the
/// daily ceiling is the UTC day.
/// </remarks>
public sealed class AgentLedger
{
    private readonly Dictionary<string, DateTimeOffset> _held = new(StringComparer.Ordinal);
    private readonly WindowedCounter _firstResponses = new();
    private readonly WindowedCounter _closures = new();
    private readonly WindowedCounter _heldMilliseconds = new();
    private readonly WindowedCounter _timedClosures = new();
    private readonly WindowedCounter _responses = new();
    private readonly WindowedCounter _escalatedResponses = new();
    private DateOnly _day;
    private int _repliesToday;

    public int Slots { get; set; } = 1;

    public int DailyCeiling { get; set; } = 30;

    public int SlotsInUse => _held.Count;

    /// <param name="first">Whether this was the conversation's first human response.</param>
    /// <param name="escalated">Whether the conversation came to humans from a bot.</param>
    public void RecordResponse(string conversationId, bool first, bool escalated, DateTimeOffset at)
    {
        RollDay(at);
        _repliesToday++;
        _responses.Add(at);
        if (escalated)
        {
            _escalatedResponses.Add(at);
        }

        if (first)
        {
            _firstResponses.Add(at);
            _held.TryAdd(conversationId, at);
        }
    }

    public void RecordClosure(string conversationId, DateTimeOffset at)
    {
        if (_held.Remove(conversationId, out var since))
        {
            _heldMilliseconds.Add(at, Math.Max(0, (long)(at - since).TotalMilliseconds));
            _timedClosures.Add(at);
        }

        _closures.Add(at);
    }

    public int RepliesToday(DateTimeOffset now)
    {
        RollDay(now);
        return _repliesToday;
    }

    public Windowed<long> FirstResponses(DateTimeOffset now) => _firstResponses.Sums(now);

    public Windowed<long> Closures(DateTimeOffset now) => _closures.Sums(now);

    /// <summary>
    /// The mean time a conversation held a slot, from the agent's first response to its closure,
    /// over the last 24 hours' closures of conversations it saw answered; null before any.
    /// </summary>
    public TimeSpan? HandleTime(DateTimeOffset now)
    {
        var closures = _timedClosures.Sum(RollingWindow.OneDay, now);
        return closures == 0
            ? null
            : TimeSpan.FromMilliseconds((double)_heldMilliseconds.Sum(RollingWindow.OneDay, now) / closures);
    }

    /// <summary>The share of this agent's responses that went to escalated conversations, over 24 hours.</summary>
    public double? EscalatedShare(DateTimeOffset now) => Ratio.Of(
        _escalatedResponses.Sum(RollingWindow.OneDay, now), _responses.Sum(RollingWindow.OneDay, now));

    private void RollDay(DateTimeOffset at)
    {
        var day = DateOnly.FromDateTime(at.UtcDateTime);
        if (day > _day)
        {
            _day = day;
            _repliesToday = 0;
        }
    }
}
