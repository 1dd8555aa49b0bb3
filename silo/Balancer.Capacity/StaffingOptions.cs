namespace Balancer.Capacity;

/// <summary>How the staffing advisor sizes queues. Section <c>Balancer:Staffing</c>.</summary>
public sealed class StaffingOptions
{
    public const string Section = "Balancer:Staffing";

    /// <summary>
    /// Reply windows up to this are sized with Erlang C; longer ones by draining the backlog within
    /// the window. Default: 1 hour. Range: 1 s to 24 hours.
    /// </summary>
    public TimeSpan ErlangWindowLimit { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Share of conversations Erlang C must answer within the reply window. Default: 0.9, the breach
    /// rate of 10% that warns. Range: above 0, below 1.
    /// </summary>
    public double ServiceLevel { get; set; } = 0.9;

    /// <summary>
    /// Most agents one queue is sized for; beyond it a queue counts as unstaffable. Default: 1,000.
    /// Range: 1 to 100,000.
    /// </summary>
    public int MaxAgents { get; set; } = 1_000;

    /// <summary>Each problem, naming the option; empty when the options are usable.</summary>
    public IEnumerable<string> Validate()
    {
        if (ErlangWindowLimit < TimeSpan.FromSeconds(1) || ErlangWindowLimit > TimeSpan.FromHours(24))
        {
            yield return $"{Section}:{nameof(ErlangWindowLimit)} must be from 1 second to 24 hours; " +
                $"it is {ErlangWindowLimit}.";
        }

        if (ServiceLevel is <= 0 or >= 1 || double.IsNaN(ServiceLevel))
        {
            yield return $"{Section}:{nameof(ServiceLevel)} must be above 0 and below 1; it is {ServiceLevel}.";
        }

        if (MaxAgents is < 1 or > 100_000)
        {
            yield return $"{Section}:{nameof(MaxAgents)} must be from 1 to 100,000; it is {MaxAgents}.";
        }
    }
}
