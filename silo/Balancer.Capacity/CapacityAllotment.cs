namespace Balancer.Capacity;

/// <summary>What one sequence would spend of the tenant's human capacity, and under which grade.</summary>
/// <param name="MinutesPerHour">Human minutes per hour its planned sends would create.</param>
/// <param name="StretchFactor">The directive's stretch factor; 1 below Stretch.</param>
public sealed record AllotmentDemand(string SequenceId, double MinutesPerHour, Grade Grade, double StretchFactor = 1.0);

/// <summary>One sequence's share of the spare capacity, in human minutes per hour.</summary>
public sealed record SequenceAllotment(string SequenceId, double MinutesPerHour);

/// <summary>
/// Splits the tenant's spare human minutes per hour between its sequences, in proportion to what
/// each would spend, weighted by its grade, and never more than a sequence asks for.
/// </summary>
/// <remarks>
/// A sequence's weight is its demand under Normal and BlockEnrolments, its demand divided by its
/// stretch factor under Stretch, and zero under Hold and Pause, which send nothing. What a capped
/// sequence leaves goes to the others by the same weights (water filling); what nobody asks for
/// stays unallotted. Under Stretch both this and <see cref="SendAdmission"/> act: the sequence gets
/// a smaller share and spends it at the stretched pace, and the minutes it leaves go to the backlog.
/// </remarks>
public static class CapacityAllotment
{
    /// <returns>One allotment per demand, in the order given.</returns>
    public static IReadOnlyList<SequenceAllotment> Split(
        double spareMinutesPerHour, IReadOnlyList<AllotmentDemand> demands)
    {
        throw new NotImplementedException();
    }
}
