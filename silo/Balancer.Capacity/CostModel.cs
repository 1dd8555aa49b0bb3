namespace Balancer.Capacity;

/// <summary>What the levers cost, in the tenant's currency. Section <c>Balancer:Cost</c>.</summary>
public sealed class CostModel
{
    public const string Section = "Balancer:Cost";

    /// <summary>One automated touch. Default: 0.12. Range: 0 to 1,000.</summary>
    public decimal BotTouch { get; set; } = 0.12m;

    /// <summary>
    /// One human live interaction. Default: 4.25, inside the reported 3.50 to 5.00. Range: 0 to 1,000.
    /// </summary>
    public decimal HumanInteraction { get; set; } = 4.25m;

    /// <summary>
    /// Extra cost of an escalation: the agent reading the bot's transcript before answering, which can
    /// double an interaction's cost. Default: 4.25. Range: 0 to 1,000.
    /// </summary>
    public decimal ReworkPerEscalation { get; set; } = 4.25m;

    /// <summary>One contractor shift. Default: 200. Range: 0 to 100,000.</summary>
    public decimal ContractorShift { get; set; } = 200m;

    /// <summary>How long a contractor shift is. Default: 8 hours. Range: 1 to 24 hours.</summary>
    public TimeSpan ContractorShiftLength { get; set; } = TimeSpan.FromHours(8);

    /// <summary>
    /// The team's own estimate of a contractor's ramp-up (training, access, first supervised replies).
    /// Default: 2 hours. Range: 0 to 30 days.
    /// </summary>
    public TimeSpan ContractorRampUp { get; set; } = TimeSpan.FromHours(2);

    /// <summary>
    /// How many times longer ramp-up really takes than teams estimate. Default: 3. Range: 1 to 10.
    /// </summary>
    public double RampUpOverheadFactor { get; set; } = 3.0;

    /// <summary>
    /// The real ramp-up: <see cref="ContractorRampUp"/> × <see cref="RampUpOverheadFactor"/>. A contractor
    /// is booked this long before needed, and it is paid at the shift's hourly rate.
    /// </summary>
    public TimeSpan RampUpLead => ContractorRampUp * RampUpOverheadFactor;

    /// <summary>A contractor hour: <see cref="ContractorShift"/> over <see cref="ContractorShiftLength"/>.</summary>
    public decimal ContractorHour => ContractorShift / (decimal)ContractorShiftLength.TotalHours;

    /// <summary>Each problem, naming the option; empty when the options are usable.</summary>
    public IEnumerable<string> Validate()
    {
        foreach (var (name, price) in new[]
        {
            (nameof(BotTouch), BotTouch), (nameof(HumanInteraction), HumanInteraction),
            (nameof(ReworkPerEscalation), ReworkPerEscalation),
        })
        {
            if (price is < 0 or > 1_000)
            {
                yield return $"{Section}:{name} must be from 0 to 1,000; it is {price}.";
            }
        }

        if (ContractorShift is < 0 or > 100_000)
        {
            yield return $"{Section}:{nameof(ContractorShift)} must be from 0 to 100,000; it is {ContractorShift}.";
        }

        if (ContractorShiftLength < TimeSpan.FromHours(1) || ContractorShiftLength > TimeSpan.FromHours(24))
        {
            yield return $"{Section}:{nameof(ContractorShiftLength)} must be from 1 to 24 hours; " +
                $"it is {ContractorShiftLength}.";
        }

        if (ContractorRampUp < TimeSpan.Zero || ContractorRampUp > TimeSpan.FromDays(30))
        {
            yield return $"{Section}:{nameof(ContractorRampUp)} must be from 0 to 30 days; it is {ContractorRampUp}.";
        }

        if (RampUpOverheadFactor is < 1 or > 10 || double.IsNaN(RampUpOverheadFactor))
        {
            yield return $"{Section}:{nameof(RampUpOverheadFactor)} must be from 1 to 10; " +
                $"it is {RampUpOverheadFactor}.";
        }
    }
}
