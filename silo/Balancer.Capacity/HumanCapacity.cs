namespace Balancer.Capacity;

/// <summary>What one agent can give in the coming hour.</summary>
/// <param name="RemainingToday">Replies left under the daily ceiling.</param>
/// <param name="HandleTime">How long a conversation holds one of their slots; null while unmeasured.</param>
public sealed record AgentCapacity(bool Online, int Slots, int RemainingToday, TimeSpan? HandleTime);

/// <summary>The human work already in a queue: what waits, and how soon it must be answered.</summary>
public sealed record QueueBacklog(int Waiting, TimeSpan ReplyWindow);

/// <summary>
/// Human capacity in slot-minutes per hour: an agent with three slots gives 180 in an hour, and a
/// conversation costs its handle time. This is the unit of send admission's budgets.
/// </summary>
public static class HumanCapacity
{
    /// <summary>
    /// The slot-minutes the online agents can give in the coming hour, each bounded by what their
    /// daily ceiling has left: an agent with two replies left gives at most two handle times.
    /// </summary>
    public static double MinutesPerHour(IEnumerable<AgentCapacity> agents, TimeSpan defaultHandleTime)
    {
        var total = 0.0;
        foreach (var agent in agents.Where(a => a.Online))
        {
            var handle = (agent.HandleTime ?? defaultHandleTime).TotalMinutes;
            total += Math.Min(agent.Slots * 60.0, Math.Max(0, agent.RemainingToday) * handle);
        }

        return total;
    }

    /// <summary>
    /// The agents' handle time weighted by their slots, so it prices a conversation for the team as a
    /// whole; <paramref name="defaultHandleTime"/> for agents not yet measured.
    /// </summary>
    public static TimeSpan TeamHandleTime(IReadOnlyCollection<AgentCapacity> agents, TimeSpan defaultHandleTime)
    {
        var slots = agents.Sum(a => a.Slots);
        var slotMinutes = agents.Sum(a => a.Slots * (a.HandleTime ?? defaultHandleTime).TotalMinutes);
        return slots == 0 ? defaultHandleTime : TimeSpan.FromMinutes(slotMinutes / slots);
    }

    /// <summary>
    /// What is left for new automated sends: the capacity, less the human replies arriving that no
    /// sequence governs, less the backlog spread over its reply windows (a queue with a one-hour window
    /// must be cleared within the hour; one of eight hours takes an eighth of its backlog each hour).
    /// Never below zero.
    /// </summary>
    /// <param name="ungovernedRepliesPerHour">Human replies per hour not caused by a sequence's sends.</param>
    public static double SpareMinutesPerHour(
        double capacityMinutesPerHour, double ungovernedRepliesPerHour, IEnumerable<QueueBacklog> backlogs,
        TimeSpan handleTime)
    {
        var handle = handleTime.TotalMinutes;
        var drain = backlogs.Sum(b => b.Waiting * handle / Math.Max(1.0, b.ReplyWindow.TotalHours));
        return Math.Max(0, capacityMinutesPerHour - ungovernedRepliesPerHour * handle - drain);
    }

    /// <summary>The slot-minutes one send creates: its replies, the human share of them, their handling.</summary>
    public static double MinutesPerSend(double? replyRate, double? humanShare, TimeSpan handleTime) =>
        (replyRate ?? 0) * (humanShare ?? 0) * handleTime.TotalMinutes;
}
