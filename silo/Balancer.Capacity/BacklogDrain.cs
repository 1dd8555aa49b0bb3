namespace Balancer.Capacity;

/// <summary>
/// Staffing for reply windows of hours, where Erlang C's steady state says little: the agents
/// needed to clear what waits now plus what arrives, within the window, at the pace the agents
/// were measured to close conversations.
/// </summary>
public static class BacklogDrain
{
    /// <param name="waiting">Conversations waiting now.</param>
    /// <param name="arrivalsPerHour">Conversations expected to arrive per hour over the window.</param>
    /// <param name="perAgentPerHour">Conversations one agent closes per hour, as measured.</param>
    /// <param name="window">The time in which all of them must be answered.</param>
    /// <returns>Whole agents; zero when nothing waits and nothing arrives.</returns>
    public static int AgentsFor(int waiting, double arrivalsPerHour, double perAgentPerHour, TimeSpan window)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(waiting);
        ArgumentOutOfRangeException.ThrowIfNegative(arrivalsPerHour);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(perAgentPerHour);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        var work = waiting + (arrivalsPerHour * window.TotalHours);

        // Less a hair, so that an exact fit that floating point lands just above does not round up.
        return (int)Math.Ceiling((work / (perAgentPerHour * window.TotalHours)) - 1e-9);
    }

    /// <summary>
    /// How long <paramref name="agents"/> take to clear the backlog while arrivals continue, or
    /// null if they never do.
    /// </summary>
    public static TimeSpan? TimeToClear(int waiting, double arrivalsPerHour, double perAgentPerHour, int agents)
    {
        var surplus = (agents * perAgentPerHour) - arrivalsPerHour;
        if (waiting == 0)
        {
            return TimeSpan.Zero;
        }

        return surplus <= 0 ? null : TimeSpan.FromHours(waiting / surplus);
    }
}
