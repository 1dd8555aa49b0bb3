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
/// A queue short in any hour gets one plan: its largest shortfall, from its first short hour to its
/// last, booked <see cref="CostModel.RampUpLead"/> ahead.
/// </remarks>
public sealed class StaffingAdvisor(StaffingOptions options, CostModel cost)
{
    private readonly StaffingOptions _options = options;
    private readonly CostModel _cost = cost;

    public StaffingAdvice Advise(IReadOnlyList<QueueForecast> queues, DateTimeOffset now)
    {
        throw new NotImplementedException();
    }
}
