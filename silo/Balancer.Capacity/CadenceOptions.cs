namespace Balancer.Capacity;

/// <summary>How the cadence controller throttles sequences. Section <c>Balancer:Cadence</c>.</summary>
public sealed class CadenceOptions
{
    public const string Section = "Balancer:Cadence";

    /// <summary>How often the controller decides. Default: 5 s. Range: 1 s to 10 minutes.</summary>
    public TimeSpan Period { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Share of the throttleable sequences acted on first: those with the most human replies and the
    /// least conversion. Default: 0.20. Range: above 0, at most 1.
    /// </summary>
    public double ThrottleShare { get; set; } = 0.20;

    /// <summary>
    /// How much a stretched sequence's delays grow: 24 hours become 72. Default: 3. Range: 1.1 to 20.
    /// </summary>
    public double StretchFactor { get; set; } = 3.0;

    /// <summary>How long a held sequence waits before its next step. Default: 90 minutes.</summary>
    public TimeSpan HoldFor { get; set; } = TimeSpan.FromMinutes(90);

    /// <summary>Live chat wait above which non-urgent sequences that feed chat are held. Default: 90 s.</summary>
    public TimeSpan LiveWaitLimit { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>Whether urgent and transactional sequences are left alone. Default: true.</summary>
    public bool ProtectUrgent { get; set; } = true;

    /// <summary>
    /// How long pressure must stay off before a throttled sequence eases by one grade, so the
    /// controller never flaps. Default: 10 minutes.
    /// </summary>
    public TimeSpan EaseAfter { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Up to this share of <see cref="EaseAfter"/> is added at random to each sequence's easing, so
    /// released sequences do not all resume at once. Default: 0.25. Range: 0 to 1.
    /// </summary>
    public double EaseJitter { get; set; } = 0.25;

    /// <summary>
    /// The share of the staffed capacity inside the reply window the look-ahead plans to fill; below
    /// 1 it keeps room for arrivals that come in bunches. Default: 1, which the simulator's default
    /// scenario found to leave only the breaches of conversations that arrive after the last shift.
    /// Range: 0.1 to 1.
    /// </summary>
    public double LookAheadOccupancy { get; set; } = 1.0;

    /// <summary>
    /// The handle time the look-ahead assumes until one is measured. Default: 20 minutes. Range: 1
    /// minute to 8 hours.
    /// </summary>
    public TimeSpan AssumedHandleTime { get; set; } = TimeSpan.FromMinutes(20);

    /// <summary>
    /// How long a sequence must have sent before its own human replies per send are trusted alone;
    /// before, replies still to come make them too low. Default: 1 day. Range: 1 hour to 7 days.
    /// </summary>
    public TimeSpan OwnFigureAfter { get; set; } = TimeSpan.FromDays(1);

    /// <summary>
    /// Human replies per send assumed for a sequence too new to have its own figure, while no
    /// sequence of the tenant has one either. Default: 0.05. Range: 0 to 1.
    /// </summary>
    public double AssumedHumanRepliesPerSend { get; set; } = 0.05;

    /// <summary>Each problem, naming the option; empty when the options are usable.</summary>
    public IEnumerable<string> Validate()
    {
        if (Period < TimeSpan.FromSeconds(1) || Period > TimeSpan.FromMinutes(10))
        {
            yield return $"{Section}:{nameof(Period)} must be from 1 second to 10 minutes; it is {Period}.";
        }

        if (ThrottleShare is <= 0 or > 1 || double.IsNaN(ThrottleShare))
        {
            yield return $"{Section}:{nameof(ThrottleShare)} must be above 0 and at most 1; it is {ThrottleShare}.";
        }

        if (StretchFactor is < 1.1 or > 20 || double.IsNaN(StretchFactor))
        {
            yield return $"{Section}:{nameof(StretchFactor)} must be from 1.1 to 20; it is {StretchFactor}.";
        }

        if (HoldFor <= TimeSpan.Zero || LiveWaitLimit <= TimeSpan.Zero || EaseAfter <= TimeSpan.Zero)
        {
            yield return $"{Section}:{nameof(HoldFor)}, {nameof(LiveWaitLimit)} and {nameof(EaseAfter)} " +
                "must be above zero.";
        }

        if (EaseJitter is < 0 or > 1 || double.IsNaN(EaseJitter))
        {
            yield return $"{Section}:{nameof(EaseJitter)} must be from 0 to 1; it is {EaseJitter}.";
        }

        if (LookAheadOccupancy is < 0.1 or > 1 || double.IsNaN(LookAheadOccupancy))
        {
            yield return $"{Section}:{nameof(LookAheadOccupancy)} must be from 0.1 to 1; it is {LookAheadOccupancy}.";
        }

        if (AssumedHumanRepliesPerSend is < 0 or > 1 || double.IsNaN(AssumedHumanRepliesPerSend))
        {
            yield return $"{Section}:{nameof(AssumedHumanRepliesPerSend)} must be from 0 to 1; " +
                $"it is {AssumedHumanRepliesPerSend}.";
        }

        if (OwnFigureAfter < TimeSpan.FromHours(1) || OwnFigureAfter > TimeSpan.FromDays(7))
        {
            yield return $"{Section}:{nameof(OwnFigureAfter)} must be from 1 hour to 7 days; it is {OwnFigureAfter}.";
        }

        if (AssumedHandleTime < TimeSpan.FromMinutes(1) || AssumedHandleTime > TimeSpan.FromHours(8))
        {
            yield return $"{Section}:{nameof(AssumedHandleTime)} must be from 1 minute to 8 hours; " +
                $"it is {AssumedHandleTime}.";
        }
    }
}
