namespace Balancer.Simulation;

/// <summary>What stands between a sequencer and its sends: nothing, a static cap, or Balancer.</summary>
internal interface ISendGate
{
    /// <summary>How many of <paramref name="count"/> due sends of a step may go now.</summary>
    /// <param name="step">From 1.</param>
    GateAnswer Ask(int sequence, int step, int count, DateTimeOffset now);

    /// <summary>By how much the sequence's delays between steps are stretched now; 1 for not at all.</summary>
    double StretchFactor(int sequence);
}

/// <summary>A gate's answer.</summary>
/// <param name="RetryAt">When to ask again for the rest; null when all were granted.</param>
internal readonly record struct GateAnswer(int Granted, DateTimeOffset? RetryAt);
