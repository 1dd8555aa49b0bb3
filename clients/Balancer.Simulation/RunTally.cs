using Balancer.Capacity;

namespace Balancer.Simulation;

/// <summary>A run's running totals, from which its <see cref="RunResult"/> is made at the end.</summary>
internal sealed class RunTally(int sequences)
{
    private readonly WindowedCounter _handleSeconds = new();
    private readonly WindowedCounter _handled = new();
    private readonly Dictionary<string, (WindowedCounter Seconds, WindowedCounter Count)> _handledIn =
        new(StringComparer.Ordinal);
    private readonly (WindowedCounter Seconds, WindowedCounter Count)[] _lags =
        [.. Enumerable.Range(0, sequences).Select(_ => (new WindowedCounter(), new WindowedCounter()))];

    public long Met { get; set; }

    /// <summary>Met and breached, per queue.</summary>
    public Dictionary<string, (long Met, long Breached)> ByQueue { get; } = new(StringComparer.Ordinal);

    public long Breached { get; set; }

    /// <summary>Every first human response's wait, in seconds.</summary>
    public List<double> FirstResponseSeconds { get; } = [];

    public long Sends { get; set; }

    public long DelayedSends { get; set; }

    public TimeSpan TotalDelay { get; set; }

    public TimeSpan MaxDelay { get; set; }

    public DateTimeOffset? LastSend { get; set; }

    /// <summary>Slot time held by conversations, from offer to resolution, within the days with load.</summary>
    public TimeSpan BusySlotTime { get; set; }

    /// <summary>Slot time agents were online, their slots times their time online, within the days with load.</summary>
    public TimeSpan OnlineSlotTime { get; set; }

    /// <summary>Agent-days on which an agent answered more than their daily ceiling.</summary>
    public int CeilingOverruns { get; set; }

    /// <summary>What each sequence's conversations took, for the cost; the last entry is the inbound load's.</summary>
    public Activity[] BySource { get; } = [.. Enumerable.Range(0, sequences + 1).Select(_ => new Activity())];

    /// <summary>A resolution's handle time, first response to resolution, as the queues report it.</summary>
    public void Handled(string queueId, TimeSpan handle, DateTimeOffset at)
    {
        _handleSeconds.Add(at, (long)handle.TotalSeconds);
        _handled.Add(at);
        if (!_handledIn.TryGetValue(queueId, out var queue))
        {
            queue = (new WindowedCounter(), new WindowedCounter());
            _handledIn.Add(queueId, queue);
        }

        queue.Seconds.Add(at, (long)handle.TotalSeconds);
        queue.Count.Add(at);
    }

    /// <summary>The mean handle time measured in one queue over the last 24 hours; null before any.</summary>
    public TimeSpan? MeasuredHandleTime(string queueId, DateTimeOffset now) =>
        _handledIn.TryGetValue(queueId, out var queue) && queue.Count.Sum(RollingWindow.OneDay, now) is > 0 and var n
            ? TimeSpan.FromSeconds((double)queue.Seconds.Sum(RollingWindow.OneDay, now) / n)
            : null;

    /// <summary>The mean handle time measured over the last 24 hours; null before any.</summary>
    public TimeSpan? MeasuredHandleTime(DateTimeOffset now)
    {
        var count = _handled.Sum(RollingWindow.OneDay, now);
        return count == 0 ? null : TimeSpan.FromSeconds((double)_handleSeconds.Sum(RollingWindow.OneDay, now) / count);
    }

    /// <summary>A reply to a sequence's send arrived, <paramref name="lag"/> after the send.</summary>
    public void Replied(int sequence, TimeSpan lag, DateTimeOffset at)
    {
        _lags[sequence].Seconds.Add(at, (long)lag.TotalSeconds);
        _lags[sequence].Count.Add(at);
    }

    /// <summary>The sequence's mean reply lag measured over the last 24 hours; null before any reply.</summary>
    public TimeSpan? MeasuredReplyLag(int sequence, DateTimeOffset now)
    {
        var count = _lags[sequence].Count.Sum(RollingWindow.OneDay, now);
        return count == 0
            ? null
            : TimeSpan.FromSeconds((double)_lags[sequence].Seconds.Sum(RollingWindow.OneDay, now) / count);
    }

    /// <summary>Per sequence: sends, sends delayed, and their total delay.</summary>
    public (long Sends, long Delayed, TimeSpan Delay)[] BySequence { get; } =
        new (long, long, TimeSpan)[sequences];

    /// <summary>Each sequence's replies that needed a human, straight away or escalated, since the start.</summary>
    public long[] HumanReplies { get; } = new long[sequences];

    /// <summary>When each sequence first sent; null until it has.</summary>
    public DateTimeOffset?[] FirstSends { get; } = new DateTimeOffset?[sequences];

    public void Sent(int sequence, TimeSpan delay, DateTimeOffset at)
    {
        FirstSends[sequence] ??= at;
        var mine = BySequence[sequence];
        BySequence[sequence] = (mine.Sends + 1, mine.Delayed + (delay > TimeSpan.Zero ? 1 : 0), mine.Delay + delay);
        Sends++;
        LastSend = at;
        if (delay > TimeSpan.Zero)
        {
            DelayedSends++;
            TotalDelay += delay;
            MaxDelay = delay > MaxDelay ? delay : MaxDelay;
        }
    }

    /// <summary>A send never sent waited <paramref name="delay"/> by the end of the run.</summary>
    public void Waited(int sequence, TimeSpan delay)
    {
        var mine = BySequence[sequence];
        BySequence[sequence] = (mine.Sends, mine.Delayed, mine.Delay + delay);
        TotalDelay += delay;
        MaxDelay = delay > MaxDelay ? delay : MaxDelay;
    }

    /// <summary>Counts of one source's conversations, in the terms of <see cref="SequenceActivity"/>.</summary>
    public sealed class Activity
    {
        public long BotTouches { get; set; }

        public long HumanInteractions { get; set; }

        public long Escalations { get; set; }

        public long Resolved { get; set; }
    }
}
