namespace Balancer.Capacity;

/// <summary>
/// Turns a forecast of conversations needing a human, hour by hour and queue by queue, into agents
/// needed, the shortfall against those staffed, and contractors to book with their cost.
/// </summary>
/// <remarks>
/// Reply windows up to <see cref="StaffingOptions.ErlangWindowLimit"/> are sized with
/// <see cref="ErlangC.AgentsFor"/>: the fewest agents answering <see cref="StaffingOptions.ServiceLevel"/>
/// of arrivals within the window, in steady state, so what waits now is not counted. Longer windows
/// are sized with <see cref="BacklogDrain.AgentsFor"/>: what waits now (first hour only, later hours
/// assume it cleared) plus the hour's arrivals, answered within the window at the measured pace.
/// An hour without arrivals needs nobody. A queue short in any hour gets one plan: its largest
/// shortfall, from its first short hour to its last, booked <see cref="CostModel.RampUpLead"/> ahead.
/// Each forecast hour is taken to last one hour. Stateless; safe to share.
/// </remarks>
public sealed class StaffingAdvisor(StaffingOptions options, CostModel cost)
{
    public StaffingAdvice Advise(IReadOnlyList<QueueForecast> queues, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(queues);
        var hours = new List<StaffingHour>();
        var plans = new List<ContractorPlan>();
        foreach (var queue in queues)
        {
            var advised = queue.Hours.Select((hour, i) => Size(queue, hour, i == 0 ? queue.Waiting : 0)).ToList();
            hours.AddRange(advised);
            if (Plan(queue.QueueId, advised, now) is { } plan)
            {
                plans.Add(plan);
            }
        }

        return new StaffingAdvice(hours, plans, plans.Sum(p => p.Cost));
    }

    private StaffingHour Size(QueueForecast queue, ForecastHour hour, int waiting)
    {
        var arrivals = hour.HumanArrivals;
        var window = Words.Duration(queue.ReplyWindow);
        int? needed;
        string method;
        if (queue.ReplyWindow <= options.ErlangWindowLimit)
        {
            var erlangs = arrivals / 3600 * queue.HandleTime.TotalSeconds;
            var level = Words.Number(options.ServiceLevel * 100);
            needed = arrivals <= 0 ? 0 : ErlangC.AgentsFor(
                erlangs, queue.HandleTime, queue.ReplyWindow, options.ServiceLevel, options.MaxAgents);
            method = $"Erlang C: {Words.Number(erlangs)} Erlangs, {level}% answered within {window}";
        }
        else
        {
            var agents = BacklogDrain.AgentsFor(waiting, arrivals, queue.PerAgentPerHour, queue.ReplyWindow);
            needed = agents <= options.MaxAgents ? agents : null;
            method = $"backlog drain: {waiting} waiting and {Words.Number(arrivals)} an hour answered within " +
                $"{window} at {Words.Number(queue.PerAgentPerHour)} per agent an hour";
        }

        if (needed is null)
        {
            method += $"; more than {options.MaxAgents} agents";
        }

        var shortfall = Math.Max(0, (needed ?? options.MaxAgents) - hour.Staffed);
        return new StaffingHour(queue.QueueId, hour.Start, arrivals, needed, hour.Staffed, shortfall, method);
    }

    private ContractorPlan? Plan(string queueId, List<StaffingHour> hours, DateTimeOffset now)
    {
        var shortHours = hours.Where(h => h.Shortfall > 0).ToList();
        if (shortHours.Count == 0)
        {
            return null;
        }

        var contractors = shortHours.Max(h => h.Shortfall);
        var from = shortHours.Min(h => h.Start);
        var until = shortHours.Max(h => h.Start) + TimeSpan.FromHours(1);
        var bookBy = from - cost.RampUpLead;
        var shifts = (int)Math.Ceiling((until - from) / cost.ContractorShiftLength);
        var each = (shifts * cost.ContractorShift) + ((decimal)cost.RampUpLead.TotalHours * cost.ContractorHour);
        return new ContractorPlan(queueId, contractors, from, until, bookBy, bookBy < now, shifts, contractors * each);
    }
}
