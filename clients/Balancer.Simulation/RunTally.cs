using Balancer.Capacity;

namespace Balancer.Simulation;

/// <summary>A run's running totals, from which its <see cref="RunResult"/> is made at the end.</summary>
internal sealed class RunTally(int sequences)
{
    private readonly WindowedCounter _handleSeconds = new();
    private readonly WindowedCounter _handled = new();

    public long Met { get; set; }

    public long Breached { get; set; }

    /// <summary>Every first human response's wait, in seconds.</summary>
    public List<double> FirstResponseSeconds { get; } = [];

    public long Sends { get; set; }

    public long DelayedSends { get; set; }

    public TimeSpan TotalDelay { get; set; }

    public TimeSpan MaxDelay { get; set; }

    public DateTimeOffset? LastSend { get; set; }

    /// <summary>Slot time held by conversations, from offer to resolution.</summary>
    public TimeSpan BusySlotTime { get; set; }

    /// <summary>Slot time agents were online: their slots times their time online.</summary>
    public TimeSpan OnlineSlotTime { get; set; }

    /// <summary>Agent-days on which an agent answered more than their daily ceiling.</summary>
    public int CeilingOverruns { get; set; }

    /// <summary>What each sequence's conversations took, for the cost; the last entry is the inbound load's.</summary>
    public Activity[] BySource { get; } = [.. Enumerable.Range(0, sequences + 1).Select(_ => new Activity())];

    /// <summary>A resolution's handle time, first response to resolution, as the queues report it.</summary>
    public void Handled(TimeSpan handle, DateTimeOffset at)
    {
        _handleSeconds.Add(at, (long)handle.TotalSeconds);
        _handled.Add(at);
    }

    /// <summary>The mean handle time measured over the last 24 hours; null before any.</summary>
    public TimeSpan? MeasuredHandleTime(DateTimeOffset now)
    {
        var count = _handled.Sum(RollingWindow.OneDay, now);
        return count == 0 ? null : TimeSpan.FromSeconds((double)_handleSeconds.Sum(RollingWindow.OneDay, now) / count);
    }

    public void Sent(TimeSpan delay, DateTimeOffset at)
    {
        Sends++;
        LastSend = at;
        if (delay > TimeSpan.Zero)
        {
            DelayedSends++;
            TotalDelay += delay;
            MaxDelay = delay > MaxDelay ? delay : MaxDelay;
        }
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
