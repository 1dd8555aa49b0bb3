namespace Balancer.Capacity;

/// <summary>Sends one sequence plans (or was admitted) into one queue in one hour.</summary>
/// <param name="ReplyRate">Replies per send.</param>
/// <param name="HumanShare">Share of those replies that need a human.</param>
public sealed record PlannedSends(string SequenceId, double Sends, double ReplyRate, double HumanShare)
{
    /// <summary><see cref="Sends"/> × <see cref="ReplyRate"/> × <see cref="HumanShare"/>.</summary>
    public double HumanReplies => Sends * ReplyRate * HumanShare;
}

/// <summary>One hour ahead for one queue.</summary>
/// <param name="Start">The hour's start.</param>
/// <param name="CurrentArrivals">Conversations for humans expected from what already runs, per hour.</param>
/// <param name="Sends">Planned and admitted sends whose replies land in this hour.</param>
/// <param name="Staffed">Agents staffed for the queue in this hour.</param>
public sealed record ForecastHour(
    DateTimeOffset Start, double CurrentArrivals, IReadOnlyList<PlannedSends> Sends, int Staffed)
{
    /// <summary>Conversations needing a human this hour: current arrivals plus the sends' human replies.</summary>
    public double HumanArrivals => CurrentArrivals + Sends.Sum(s => s.HumanReplies);
}

/// <summary>One queue's forecast, hour by hour.</summary>
/// <param name="ReplyWindow">The queue's promised reply window.</param>
/// <param name="HandleTime">Measured mean handle time of one conversation.</param>
/// <param name="PerAgentPerHour">Conversations one agent closes per hour, as measured.</param>
/// <param name="Waiting">Conversations waiting now; they weigh on the first hour.</param>
public sealed record QueueForecast(
    string QueueId,
    TimeSpan ReplyWindow,
    TimeSpan HandleTime,
    double PerAgentPerHour,
    int Waiting,
    IReadOnlyList<ForecastHour> Hours);

/// <summary>The advice for one queue in one hour.</summary>
/// <param name="Needed">Agents needed to meet the reply window; null if even the most agents sized for do not.</param>
/// <param name="Shortfall">
/// Agents needed less staffed, never below 0; the most agents sized for when Needed is null.
/// </param>
/// <param name="Method">How Needed was computed, in words.</param>
public sealed record StaffingHour(
    string QueueId, DateTimeOffset Start, double HumanArrivals, int? Needed, int Staffed, int Shortfall, string Method);

/// <summary>Contractors to book for one queue.</summary>
/// <param name="Contractors">How many: the largest hourly shortfall.</param>
/// <param name="From">The first hour short.</param>
/// <param name="Until">The end of the last hour short.</param>
/// <param name="BookBy">When to book them: ramp-up ahead of <paramref name="From"/>.</param>
/// <param name="Late">BookBy has passed: they will not be ready by From.</param>
/// <param name="ShiftsEach">Whole shifts each contractor works to cover From to Until.</param>
/// <param name="Cost">Contractors × (shifts + ramp-up hours at the shift's hourly rate).</param>
public sealed record ContractorPlan(
    string QueueId,
    int Contractors,
    DateTimeOffset From,
    DateTimeOffset Until,
    DateTimeOffset BookBy,
    bool Late,
    int ShiftsEach,
    decimal Cost);

/// <summary>The advice for a set of queues.</summary>
public sealed record StaffingAdvice(
    IReadOnlyList<StaffingHour> Hours, IReadOnlyList<ContractorPlan> Contractors, decimal ContractorCost);
