namespace Balancer.Capacity;

/// <summary>Who answers a conversation first.</summary>
public enum RouteTier
{
    /// <summary>Tier 1: a bot answers routine intents.</summary>
    Bot = 1,

    /// <summary>Tier 2: senior reps, for high-value accounts and repeat complainers.</summary>
    Senior = 2,

    /// <summary>Tier 3: the shared overflow queue, ordered by <see cref="PriorityScore"/>.</summary>
    Overflow = 3,
}
