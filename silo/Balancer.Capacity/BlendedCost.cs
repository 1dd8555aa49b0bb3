namespace Balancer.Capacity;

/// <summary>What one sequence's conversations took over a period.</summary>
/// <param name="Escalations">Bot conversations handed to a human.</param>
/// <param name="Resolved">Conversations resolved.</param>
public sealed record SequenceActivity(
    string SequenceId, long BotTouches, long HumanInteractions, long Escalations, long Resolved);

/// <summary>One sequence's cost: its parts, the total and the cost per resolved conversation.</summary>
/// <param name="PerResolved">Total over resolved; null when nothing was resolved.</param>
public sealed record SequenceCost(
    string SequenceId, decimal Bot, decimal Human, decimal Rework, decimal Total, decimal? PerResolved);

/// <summary>
/// The true cost per resolved conversation of a sequence:
/// <c>(bot touches × bot touch + human interactions × human interaction + escalations × rework) / resolved</c>.
/// </summary>
public static class BlendedCost
{
    public static SequenceCost Of(CostModel model, SequenceActivity activity)
    {
        throw new NotImplementedException();
    }
}
