namespace Balancer.Capacity;

/// <summary>A sequence's schedule, its measured pace and the directive it is under.</summary>
/// <param name="StepDelays">Before each step, from the previous one (step 1's from enrolment).</param>
/// <param name="StepSendsLastHour">Each step's sends over the last hour.</param>
public sealed record SequencePlan(
    string SequenceId,
    IReadOnlyList<TimeSpan> StepDelays,
    IReadOnlyList<double> StepSendsLastHour,
    Grade Grade,
    double StretchFactor,
    DateTimeOffset? HoldUntil);

/// <summary>
/// Projects a sequence's sends hour by hour ahead: the sends its schedule has planned for the
/// contacts already in it, and the enrolments it keeps taking, under its current directive.
/// </summary>
/// <remarks>
/// Step 1 keeps its last hour's pace unless enrolments are blocked. A later step's contacts are those
/// the step before reached one delay earlier: hours within the delay take the step's own pace (the
/// steady flow of contacts already between the two steps, slowed by the stretch factor when
/// stretched), the hour the delay ends takes the step before's last hour, and later hours follow the
/// step before's projection, shifted by the delay. Stretching multiplies every delay. A hold sends
/// nothing before its end; a pause nothing in the horizon, its deferred sends are forecast once it
/// eases. Replies are taken to arrive in the hour of their send.
/// </remarks>
public static class SendForecast
{
    /// <returns>Sends in each of the <paramref name="hours"/> hours from <paramref name="now"/>.</returns>
    public static double[] Project(SequencePlan plan, DateTimeOffset now, int hours)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(hours, 1);
        var total = new double[hours];
        if (plan.Grade == Grade.Pause || plan.StepSendsLastHour.Count == 0)
        {
            return total;
        }

        var stretch = plan.Grade >= Grade.Stretch ? Math.Max(1, plan.StretchFactor) : 1.0;
        var previous = new double[hours];
        for (var h = 0; h < hours; h++)
        {
            previous[h] = plan.Grade >= Grade.BlockEnrolments ? 0 : plan.StepSendsLastHour[0];
        }

        Add(total, previous);
        for (var step = 1; step < plan.StepSendsLastHour.Count; step++)
        {
            var delay = (int)Math.Floor(plan.StepDelays[step].TotalHours * stretch);
            var current = new double[hours];
            for (var h = 0; h < hours; h++)
            {
                current[h] = h + 1 < delay ? plan.StepSendsLastHour[step] / stretch
                    : h + 1 == delay ? plan.StepSendsLastHour[step - 1]
                    : previous[h - delay];
            }

            Add(total, current);
            previous = current;
        }

        if (plan.Grade == Grade.Hold && plan.HoldUntil is { } until)
        {
            for (var h = 0; h < hours && now + TimeSpan.FromHours(h + 1) <= until; h++)
            {
                total[h] = 0;
            }
        }

        return total;
    }

    private static void Add(double[] total, double[] step)
    {
        for (var h = 0; h < total.Length; h++)
        {
            total[h] += step[h];
        }
    }
}
