namespace Balancer.Capacity;

/// <summary>What one sequence sends and what each send costs the humans.</summary>
/// <param name="SendsPerHour">Its measured pace.</param>
/// <param name="MinutesPerSend">Slot-minutes of human work one send creates; 0 while unmeasured.</param>
public sealed record SequenceLoad(
    string SequenceId, double SendsPerHour, double MinutesPerSend, Grade Grade, double StretchFactor);

/// <summary>What send admission may let one sequence spend.</summary>
public sealed record SequenceBudget(string SequenceId, double MinutesPerSend, double MinutesPerHour);

/// <summary>
/// Turns the tenant's spare human minutes into each sequence's admission budget: first by
/// <see cref="CapacityAllotment"/>, in proportion to what each spends now, then what nobody spends is
/// shared equally among those still sending, so a sequence that starts (or starts again) has a budget
/// before its pace has been measured.
/// </summary>
public static class AdmissionBudget
{
    public static IReadOnlyList<SequenceBudget> Allot(double spareMinutesPerHour, IReadOnlyList<SequenceLoad> loads)
    {
        var split = CapacityAllotment.Split(
            spareMinutesPerHour,
            [.. loads.Select(l => new AllotmentDemand(
                l.SequenceId, l.SendsPerHour * l.MinutesPerSend, l.Grade, l.StretchFactor))]);
        var sending = loads.Count(l => l.Grade < Grade.Hold);
        var left = Math.Max(0, spareMinutesPerHour - split.Sum(a => a.MinutesPerHour));
        var share = sending == 0 ? 0 : left / sending;
        return
        [
            .. loads.Select((l, i) => new SequenceBudget(
                l.SequenceId, l.MinutesPerSend, split[i].MinutesPerHour + (l.Grade < Grade.Hold ? share : 0))),
        ];
    }
}
