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
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentOutOfRangeException.ThrowIfNegative(activity.BotTouches);
        ArgumentOutOfRangeException.ThrowIfNegative(activity.HumanInteractions);
        ArgumentOutOfRangeException.ThrowIfNegative(activity.Escalations);
        ArgumentOutOfRangeException.ThrowIfNegative(activity.Resolved);

        var bot = activity.BotTouches * model.BotTouch;
        var human = activity.HumanInteractions * model.HumanInteraction;
        var rework = activity.Escalations * model.ReworkPerEscalation;
        var total = bot + human + rework;
        return new SequenceCost(
            activity.SequenceId, bot, human, rework, total, activity.Resolved > 0 ? total / activity.Resolved : null);
    }
}
