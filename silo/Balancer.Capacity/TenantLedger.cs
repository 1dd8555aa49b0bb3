namespace Balancer.Capacity;

/// <summary>
/// A tenant's rollup: overall breach rate, automated sends per human reply, escalation rate and
/// repeat engagement, with a threshold tracker for each figure that warns.
/// </summary>
public sealed class TenantLedger(ThresholdOptions thresholds)
{
    private readonly WindowedCounter _sends = new();
    private readonly WindowedCounter _humanReplies = new();
    private readonly WindowedCounter _botReplies = new();
    private readonly WindowedCounter _escalated = new();
    private readonly WindowedCounter _entries = new();
    private readonly WindowedCounter _repeatEntries = new();
    private readonly WindowedCounter _met = new();
    private readonly WindowedCounter _breached = new();

    public ThresholdTracker BreachLevel { get; } = Trackers.Breach(thresholds);

    public ThresholdTracker SendsLevel { get; } =
        new([thresholds.SendsPerHumanReply], thresholds.SendsPerHumanReplyHysteresis);

    public ThresholdTracker EscalationLevel { get; } = new([thresholds.Escalation], thresholds.EscalationHysteresis);

    public void Record(in TenantActivity activity, DateTimeOffset at)
    {
        AddIfAny(_sends, activity.Sends, at);
        AddIfAny(_humanReplies, activity.HumanReplies, at);
        AddIfAny(_botReplies, activity.BotReplies, at);
        AddIfAny(_escalated, activity.Escalated, at);
        AddIfAny(_entries, activity.Entries, at);
        AddIfAny(_repeatEntries, activity.RepeatEntries, at);
        AddIfAny(_met, activity.Met, at);
        AddIfAny(_breached, activity.Breached, at);
    }

    public Windowed<long> Sends(DateTimeOffset now) => _sends.Sums(now);

    public Windowed<long> HumanReplies(DateTimeOffset now) => _humanReplies.Sums(now);

    public Windowed<long> Met(DateTimeOffset now) => _met.Sums(now);

    public Windowed<long> Breached(DateTimeOffset now) => _breached.Sums(now);

    public double? BreachRate(RollingWindow window, DateTimeOffset now)
    {
        var breached = _breached.Sum(window, now);
        return Ratio.Of(breached, breached + _met.Sum(window, now), thresholds.MinimumSample);
    }

    /// <summary>Automated sends per human reply; null below the minimum sample of human replies.</summary>
    public double? SendsPerHumanReply(RollingWindow window, DateTimeOffset now) =>
        Ratio.Of(_sends.Sum(window, now), _humanReplies.Sum(window, now), thresholds.MinimumSample);

    /// <summary>The share of bot conversations handed to a human.</summary>
    public double? EscalationRate(RollingWindow window, DateTimeOffset now) =>
        Ratio.Of(_escalated.Sum(window, now), _botReplies.Sum(window, now), thresholds.MinimumSample);

    /// <summary>The share of sequence entries that were a contact re-entering within the repeat window.</summary>
    public double? RepeatEngagement(RollingWindow window, DateTimeOffset now) =>
        Ratio.Of(_repeatEntries.Sum(window, now), _entries.Sum(window, now));

    private static void AddIfAny(WindowedCounter counter, long count, DateTimeOffset at)
    {
        if (count != 0)
        {
            counter.Add(at, count);
        }
    }
}

/// <summary>What one batch or one report changed in a tenant's rollup.</summary>
public readonly record struct TenantActivity(
    long Sends, long HumanReplies, long BotReplies, long Escalated, long Entries, long RepeatEntries,
    long Met, long Breached);

public static class Trackers
{
    public static ThresholdTracker Breach(ThresholdOptions o) =>
        new([o.BreachWarn, o.BreachHigh, o.BreachCritical], o.BreachHysteresis);
}
