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
        ArgumentNullException.ThrowIfNull(demands);
        if (spareMinutesPerHour < 0 || !double.IsFinite(spareMinutesPerHour))
        {
            throw new ArgumentOutOfRangeException(
                nameof(spareMinutesPerHour), spareMinutesPerHour, "Must be a finite number, 0 or more.");
        }

        var allotted = new double[demands.Count];
        var open = new List<int>(demands.Count);
        for (var i = 0; i < demands.Count; i++)
        {
            if (demands[i].MinutesPerHour < 0 || !double.IsFinite(demands[i].MinutesPerHour))
            {
                throw new ArgumentException($"Demand {i} ('{demands[i].SequenceId}') must be finite, 0 or more.");
            }

            if (Weight(demands[i]) > 0)
            {
                open.Add(i);
            }
        }

        // Water filling: whoever the proportional split would give more than it asks gets what it
        // asks, and the split starts again over the rest, until nobody is capped.
        var remaining = spareMinutesPerHour;
        while (open.Count > 0)
        {
            var total = open.Sum(i => Weight(demands[i]));
            var capped = open.Where(i => remaining * Weight(demands[i]) / total >= demands[i].MinutesPerHour).ToList();
            if (capped.Count == 0)
            {
                foreach (var i in open)
                {
                    allotted[i] = remaining * Weight(demands[i]) / total;
                }

                break;
            }

            foreach (var i in capped)
            {
                allotted[i] = demands[i].MinutesPerHour;
                remaining = Math.Max(0, remaining - demands[i].MinutesPerHour);
                open.Remove(i);
            }
        }

        return [.. demands.Select((d, i) => new SequenceAllotment(d.SequenceId, allotted[i]))];
    }

    /// <summary>The demand as the grade lets it count.</summary>
    private static double Weight(AllotmentDemand demand) => demand.Grade switch
    {
        Grade.Normal or Grade.BlockEnrolments => demand.MinutesPerHour,
        Grade.Stretch => demand.MinutesPerHour / Math.Max(1, demand.StretchFactor),
        _ => 0,
    };
}
