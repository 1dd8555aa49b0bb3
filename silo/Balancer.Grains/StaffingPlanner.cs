using Balancer.Capacity;
using Balancer.Contracts.Model;

namespace Balancer.Grains;

/// <summary>A tenant's staffing advice and what each of its sequences costs per resolved conversation.</summary>
public sealed record StaffingPlan(StaffingAdvice Advice, IReadOnlyList<SequenceCost> Costs, DateTimeOffset At);

/// <summary>
/// Builds each queue's forecast of conversations needing a human, hour by hour ahead, from the live
/// figures: the queue's arrivals that no sequence governs go on at their last hour's pace, and each
/// sequence that names the queue adds the human replies of its projected sends
/// (<see cref="SendForecast"/>) under its current directive. Then sizes them with
/// <see cref="StaffingAdvisor"/>, and prices each sequence's last 24 hours with <see cref="BlendedCost"/>.
/// </summary>
/// <remarks>
/// The agents online now are taken to stay for the horizon, shared between queues in proportion to
/// their first hour's arrivals; a conversation holds a slot for the team's measured handle time, or
/// <see cref="CadenceOptions.AssumedHandleTime"/> before any is measured.
/// </remarks>
public static class StaffingPlanner
{
    public static StaffingPlan Plan(
        DateTimeOffset now,
        int hours,
        IReadOnlyCollection<QueueFigures> queues,
        IReadOnlyCollection<SequenceFigures> sequences,
        IReadOnlyCollection<SequenceDirective> directives,
        IReadOnlyCollection<AgentFigures> agents,
        TimeSpan defaultHandleTime,
        StaffingOptions staffing,
        CostModel cost)
    {
        var handle = CadenceReader.MeasuredHandleTime(agents) ?? defaultHandleTime;
        var online = agents.Where(a => a.Presence == Presence.Online).ToList();
        var perAgentPerHour = PerAgentPerHour(online, handle);
        var grades = directives.ToDictionary(d => d.SequenceId, StringComparer.Ordinal);
        var start = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, now.Offset);

        var forecasts = queues.OrderBy(q => q.QueueId, StringComparer.Ordinal).Select(q =>
        {
            var feeding = sequences.Where(s => s.QueueId == q.QueueId).ToList();
            var governed = feeding.Sum(s => s.Total.HumanReplies.OneHour);
            var projected = feeding.Select(s => (Sequence: s, Sends: Project(s, grades, now, hours))).ToList();
            var forecastHours = Enumerable.Range(0, hours).Select(h => new ForecastHour(
                    start + TimeSpan.FromHours(h),
                    Math.Max(0, q.Opened.OneHour - governed),
                    [
                        .. projected.Select(p => new PlannedSends(
                            p.Sequence.SequenceId, p.Sends[h], p.Sequence.Total.ReplyRate.OneDay ?? 0,
                            p.Sequence.Total.HumanShare.OneDay ?? 0)),
                    ],
                    0))
                .ToList();
            return new QueueForecast(
                q.QueueId, TimeSpan.FromSeconds(q.ReplyWindowSeconds), handle, perAgentPerHour, q.Depth,
                forecastHours);
        }).ToList();

        var advice = new StaffingAdvisor(staffing, cost).Advise(Staff(forecasts, online.Count), now);
        var costs = sequences.OrderBy(s => s.SequenceId, StringComparer.Ordinal)
            .Select(s => BlendedCost.Of(cost, Activity(s)))
            .ToList();
        return new StaffingPlan(advice, costs, now);
    }

    /// <summary>
    /// The online agents' measured closures per hour each, or what their slots allow at the handle time.
    /// </summary>
    private static double PerAgentPerHour(List<AgentFigures> online, TimeSpan handle)
    {
        if (online.Count == 0)
        {
            return 60 / handle.TotalMinutes;
        }

        var closures = online.Sum(a => a.Closures.OneHour);
        return closures > 0
            ? (double)closures / online.Count
            : online.Average(a => a.Slots) * 60 / handle.TotalMinutes;
    }

    private static double[] Project(
        SequenceFigures s, Dictionary<string, SequenceDirective> directives, DateTimeOffset now, int hours)
    {
        var d = directives.GetValueOrDefault(s.SequenceId);
        var delays = s.StepDelays ?? [.. Enumerable.Repeat(TimeSpan.Zero, s.StepCount)];
        var pace = Enumerable.Range(1, s.StepCount)
            .Select(step => (double)(s.Steps.FirstOrDefault(f => f.Step == step)?.Sends.OneHour ?? 0))
            .ToList();
        var plan = new SequencePlan(
            s.SequenceId, delays, pace, d?.Grade.ToGrade() ?? Grade.Normal, d?.StretchFactor ?? 1, d?.HoldUntil);
        return SendForecast.Project(plan, now, hours);
    }

    /// <summary>
    /// Shares the online agents between queues by their first hour's arrivals, largest remainder first.
    /// </summary>
    private static List<QueueForecast> Staff(List<QueueForecast> forecasts, int agents)
    {
        var first = forecasts.Select(f => f.Hours.Count == 0 ? 0 : f.Hours[0].HumanArrivals).ToList();
        var total = first.Sum();
        var exact = first.Select(a => total > 0 ? agents * a / total : (double)agents / Math.Max(1, forecasts.Count))
            .ToList();
        var shares = exact.Select(e => (int)Math.Floor(e)).ToArray();
        foreach (var i in Enumerable.Range(0, forecasts.Count).OrderByDescending(i => exact[i] - shares[i])
                     .Take(agents - shares.Sum()))
        {
            shares[i]++;
        }

        return
        [
            .. forecasts.Select((f, i) => f with { Hours = [.. f.Hours.Select(h => h with { Staffed = shares[i] })] }),
        ];
    }

    /// <summary>
    /// The day's work of one sequence: every reply the bot took first is a bot touch, every reply that
    /// reached a human (at once or escalated) a human interaction.
    /// </summary>
    private static SequenceActivity Activity(SequenceFigures s)
    {
        var t = s.Total;
        var botFirst = t.Replies.OneDay - t.HumanReplies.OneDay + t.Escalated.OneDay;
        return new SequenceActivity(
            s.SequenceId, botFirst, t.HumanReplies.OneDay, t.Escalated.OneDay,
            t.BotResolved.OneDay + t.Resolved.OneDay);
    }
}
