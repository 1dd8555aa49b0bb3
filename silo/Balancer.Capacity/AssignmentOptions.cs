namespace Balancer.Capacity;

/// <summary>How the assignment board offers conversations to agents. Section <c>Balancer:Assignment</c>.</summary>
public sealed class AssignmentOptions
{
    public const string Section = "Balancer:Assignment";

    /// <summary>
    /// How long an offer may go unacknowledged before the conversation returns to its queue.
    /// Default: 30 s. Range: 1 s to 10 minutes.
    /// </summary>
    public TimeSpan AckTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long after the offer an acknowledged conversation may go without a first response before it
    /// returns to its queue. Default: 10 minutes. Range: 1 minute to 24 hours, and above <see cref="AckTimeout"/>.
    /// </summary>
    public TimeSpan ReassignAfter { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Width of one priority: scores within the same band of this width count as one priority, and the
    /// oldest goes first among them. Default: 0.05. Range: above 0, at most 1.
    /// </summary>
    public double PriorityBand { get; set; } = 0.05;

    /// <summary>Each problem, naming the option; empty when the options are usable.</summary>
    public IEnumerable<string> Validate()
    {
        if (AckTimeout < TimeSpan.FromSeconds(1) || AckTimeout > TimeSpan.FromMinutes(10))
        {
            yield return $"{Section}:{nameof(AckTimeout)} must be from 1 second to 10 minutes; it is {AckTimeout}.";
        }

        if (ReassignAfter < TimeSpan.FromMinutes(1) || ReassignAfter > TimeSpan.FromHours(24))
        {
            yield return $"{Section}:{nameof(ReassignAfter)} must be from 1 minute to 24 hours; it is {ReassignAfter}.";
        }
        else if (ReassignAfter <= AckTimeout)
        {
            yield return $"{Section}:{nameof(ReassignAfter)} must be above {nameof(AckTimeout)}; " +
                $"it is {ReassignAfter} against {AckTimeout}.";
        }

        if (PriorityBand is <= 0 or > 1 || double.IsNaN(PriorityBand))
        {
            yield return $"{Section}:{nameof(PriorityBand)} must be above 0 and at most 1; it is {PriorityBand}.";
        }
    }
}
