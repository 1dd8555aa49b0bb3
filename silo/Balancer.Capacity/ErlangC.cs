namespace Balancer.Capacity;

/// <summary>
/// Erlang C: how many agents a queue with short reply windows needs, given arrivals that come at
/// random and a mean handle time. Offered load is in Erlangs: arrivals per second times the mean
/// handle time in seconds.
/// </summary>
/// <remarks>
/// Computed through the Erlang B recursion, which stays finite for hundreds of agents where the
/// textbook form's powers and factorials overflow.
/// </remarks>
public static class ErlangC
{
    /// <summary>The probability that an arrival has to wait: 1 when the agents cannot keep up at all.</summary>
    public static double WaitProbability(int agents, double offeredErlangs)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(agents);
        ArgumentOutOfRangeException.ThrowIfNegative(offeredErlangs);
        if (offeredErlangs == 0)
        {
            return 0;
        }

        if (agents <= offeredErlangs)
        {
            return 1;
        }

        var blocking = 1.0;
        for (var k = 1; k <= agents; k++)
        {
            blocking = offeredErlangs * blocking / (k + (offeredErlangs * blocking));
        }

        return agents * blocking / (agents - (offeredErlangs * (1 - blocking)));
    }

    /// <summary>The share of arrivals answered within <paramref name="target"/>.</summary>
    public static double ServiceLevel(int agents, double offeredErlangs, TimeSpan handleTime, TimeSpan target)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(handleTime, TimeSpan.Zero);
        var wait = WaitProbability(agents, offeredErlangs);
        return wait >= 1
            ? 0
            : 1 - (wait * Math.Exp(-(agents - offeredErlangs) * target.TotalSeconds / handleTime.TotalSeconds));
    }

    /// <summary>The mean wait before an answer, or null when the agents cannot keep up.</summary>
    public static TimeSpan? AverageWait(int agents, double offeredErlangs, TimeSpan handleTime)
    {
        var wait = WaitProbability(agents, offeredErlangs);
        return wait >= 1 && offeredErlangs > 0
            ? null
            : TimeSpan.FromSeconds(wait * handleTime.TotalSeconds / (agents - offeredErlangs));
    }

    /// <summary>
    /// The fewest agents that answer <paramref name="serviceLevel"/> of arrivals within
    /// <paramref name="target"/>, or null if even <paramref name="maxAgents"/> do not.
    /// </summary>
    public static int? AgentsFor(
        double offeredErlangs, TimeSpan handleTime, TimeSpan target, double serviceLevel, int maxAgents = 10_000)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(serviceLevel);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(serviceLevel, 1.0);
        for (var agents = Math.Max(1, (int)Math.Floor(offeredErlangs)); agents <= maxAgents; agents++)
        {
            if (ServiceLevel(agents, offeredErlangs, handleTime, target) >= serviceLevel)
            {
                return agents;
            }
        }

        return null;
    }
}
