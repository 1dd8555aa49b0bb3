namespace Balancer.Capacity;

/// <summary>How <see cref="PriorityScore"/> weighs a waiting conversation. Section <c>Balancer:Priority</c>.</summary>
public sealed class PriorityOptions
{
    public const string Section = "Balancer:Priority";

    /// <summary>Weight of the deadline part. Default: 0.6. Range: 0 to 100.</summary>
    public double DeadlineWeight { get; set; } = 0.6;

    /// <summary>Weight of the lifetime value part. Default: 0.25. Range: 0 to 100.</summary>
    public double ValueWeight { get; set; } = 0.25;

    /// <summary>Weight of the wait part. Default: 0.15. Range: 0 to 100.</summary>
    public double WaitWeight { get; set; } = 0.15;

    /// <summary>
    /// Time left before the deadline from which urgency starts to grow, reaching 1 at the deadline.
    /// Default: 1 hour. Range: 1 s to 7 days.
    /// </summary>
    public TimeSpan DeadlineHorizon { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Lifetime value that scores half of the value part. Default: 1,000. Range: above 0.</summary>
    public decimal ValueHalf { get; set; } = 1_000m;

    /// <summary>
    /// Wait at which the wait part reaches 1: the four-hour clearing target. Default: 4 hours.
    /// Range: 1 s to 7 days.
    /// </summary>
    public TimeSpan WaitHorizon { get; set; } = TimeSpan.FromHours(4);

    /// <summary>Each problem, naming the option; empty when the options are usable.</summary>
    public IEnumerable<string> Validate()
    {
        foreach (var (name, weight) in new[]
        {
            (nameof(DeadlineWeight), DeadlineWeight), (nameof(ValueWeight), ValueWeight),
            (nameof(WaitWeight), WaitWeight),
        })
        {
            if (weight is < 0 or > 100 || double.IsNaN(weight))
            {
                yield return $"{Section}:{name} must be from 0 to 100; it is {weight}.";
            }
        }

        if (DeadlineWeight + ValueWeight + WaitWeight <= 0)
        {
            yield return $"{Section}:{nameof(DeadlineWeight)}, {nameof(ValueWeight)} and {nameof(WaitWeight)} " +
                "must not all be zero.";
        }

        foreach (var (name, horizon) in new[]
        {
            (nameof(DeadlineHorizon), DeadlineHorizon), (nameof(WaitHorizon), WaitHorizon),
        })
        {
            if (horizon < TimeSpan.FromSeconds(1) || horizon > TimeSpan.FromDays(7))
            {
                yield return $"{Section}:{name} must be from 1 second to 7 days; it is {horizon}.";
            }
        }

        if (ValueHalf <= 0)
        {
            yield return $"{Section}:{nameof(ValueHalf)} must be above 0; it is {ValueHalf}.";
        }
    }
}
