namespace Balancer.Simulation;

/// <summary>
/// Virtual time: a discrete-event loop over timed actions. Time jumps from one action to the next,
/// nothing sleeps and no wall clock is read, so a run of days takes as long as its actions do.
/// </summary>
/// <remarks>
/// Actions due at the same instant run in the order they were scheduled: each carries a sequence
/// number that breaks ties, so a run never depends on the heap's internal order. An action may
/// schedule more actions, at its own instant or later, never earlier. Not thread-safe.
/// </remarks>
public sealed class EventLoop(DateTimeOffset start)
{
    private readonly PriorityQueue<Action, (long Ticks, long Sequence)> _due = new();
    private long _sequence;
    private bool _stopped;

    /// <summary>The instant of the action running now, or of the last one run.</summary>
    public DateTimeOffset Now { get; private set; } = start;

    /// <summary>Actions scheduled and not yet run.</summary>
    public int Pending => _due.Count;

    /// <summary>Actions run so far.</summary>
    public long Executed { get; private set; }

    /// <summary>Schedules <paramref name="action"/> at <paramref name="at"/>, which may not be in the past.</summary>
    public void At(DateTimeOffset at, Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (at < Now)
        {
            throw new ArgumentOutOfRangeException(nameof(at), at, $"The loop is at {Now:O}; it cannot go back.");
        }

        _due.Enqueue(action, (at.UtcTicks, _sequence++));
    }

    /// <summary>Schedules <paramref name="action"/> <paramref name="delay"/> from now.</summary>
    public void After(TimeSpan delay, Action action) => At(Now + delay, action);

    /// <summary>
    /// Runs <paramref name="action"/> every <paramref name="period"/> from <paramref name="first"/> on.
    /// </summary>
    /// <param name="action">Returns false to stop repeating.</param>
    public void Every(DateTimeOffset first, TimeSpan period, Func<bool> action)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(period, TimeSpan.Zero);
        At(first, Repeat);

        void Repeat()
        {
            if (action())
            {
                After(period, Repeat);
            }
        }
    }

    /// <summary>Runs the earliest action, moving time to it.</summary>
    /// <returns>False when nothing was left to run.</returns>
    public bool Step()
    {
        if (!_due.TryDequeue(out var action, out var key))
        {
            return false;
        }

        Now = new DateTimeOffset(key.Ticks, TimeSpan.Zero);
        Executed++;
        action();
        return true;
    }

    /// <summary>Ends <see cref="RunUntil"/> once the action running now returns.</summary>
    public void Stop() => _stopped = true;

    /// <summary>
    /// Runs every action due at or before <paramref name="end"/>, then moves time to it; or, if an
    /// action calls <see cref="Stop"/>, stops there.
    /// </summary>
    public void RunUntil(DateTimeOffset end)
    {
        _stopped = false;
        while (!_stopped && _due.TryPeek(out _, out var key) && key.Ticks <= end.UtcTicks)
        {
            Step();
        }

        if (!_stopped && end > Now)
        {
            Now = end;
        }
    }
}
