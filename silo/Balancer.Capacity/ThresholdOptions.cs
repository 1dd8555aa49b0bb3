namespace Balancer.Capacity;

/// <summary>
/// The thresholds practitioners report, each a default that a tenant's operators may change.
/// Bound from the <c>Balancer:Thresholds</c> configuration section.
/// </summary>
public sealed class ThresholdOptions
{
    public const string Section = "Balancer:Thresholds";

    /// <summary>Breach rate at which automation has outrun the team. Default: 0.10.</summary>
    public double BreachWarn { get; set; } = 0.10;

    /// <summary>Breach rate at which support leads break. Default: 0.15.</summary>
    public double BreachHigh { get; set; } = 0.15;

    /// <summary>Breach rate at which accounts were in churn review. Default: 0.22.</summary>
    public double BreachCritical { get; set; } = 0.22;

    /// <summary>How far below a breach threshold the rate must fall to recover. Default: 0.02.</summary>
    public double BreachHysteresis { get; set; } = 0.02;

    /// <summary>Automated sends per human reply above which no new sequence should start. Default: 4.</summary>
    public double SendsPerHumanReply { get; set; } = 4.0;

    /// <summary>How far below the sends ratio it must fall to recover. Default: 0.5.</summary>
    public double SendsPerHumanReplyHysteresis { get; set; } = 0.5;

    /// <summary>
    /// Share of bot conversations handed to a human above which the bot deflects nothing. Default: 0.60.
    /// </summary>
    public double Escalation { get; set; } = 0.60;

    /// <summary>How far below the escalation threshold the rate must fall to recover. Default: 0.05.</summary>
    public double EscalationHysteresis { get; set; } = 0.05;

    /// <summary>
    /// Smallest denominator (decided conversations, human replies, bot conversations) for which a
    /// rate is reported at all, so that one breach of one conversation is not a 100% warning.
    /// Default: 20. Range: 1 to 1,000,000.
    /// </summary>
    public int MinimumSample { get; set; } = 20;

    /// <summary>The rolling window warnings are judged over. Default: OneHour.</summary>
    public RollingWindow WarningWindow { get; set; } = RollingWindow.OneHour;

    /// <summary>A contact entering a sequence again within this time is repeat engagement. Default: 6 hours.</summary>
    public TimeSpan RepeatEngagementWindow { get; set; } = TimeSpan.FromHours(6);

    /// <summary>Each problem, naming the option; empty when the options are usable.</summary>
    public IEnumerable<string> Validate()
    {
        foreach (var (name, value) in new[]
        {
            (nameof(BreachWarn), BreachWarn), (nameof(BreachHigh), BreachHigh),
            (nameof(BreachCritical), BreachCritical), (nameof(Escalation), Escalation),
        })
        {
            if (value is <= 0 or > 1 || double.IsNaN(value))
            {
                yield return $"{Section}:{name} must be above 0 and at most 1; it is {value}.";
            }
        }

        if (!(BreachWarn < BreachHigh && BreachHigh < BreachCritical))
        {
            yield return $"{Section}:BreachWarn, BreachHigh and BreachCritical must ascend; they are " +
                $"{BreachWarn}, {BreachHigh} and {BreachCritical}.";
        }

        if (SendsPerHumanReply is <= 0 || double.IsNaN(SendsPerHumanReply))
        {
            yield return $"{Section}:{nameof(SendsPerHumanReply)} must be above 0; it is {SendsPerHumanReply}.";
        }

        foreach (var (name, value, limit) in new[]
        {
            (nameof(BreachHysteresis), BreachHysteresis, BreachWarn),
            (nameof(SendsPerHumanReplyHysteresis), SendsPerHumanReplyHysteresis, SendsPerHumanReply),
            (nameof(EscalationHysteresis), EscalationHysteresis, Escalation),
        })
        {
            if (value < 0 || value >= limit || double.IsNaN(value))
            {
                yield return $"{Section}:{name} must be at least 0 and below its threshold {limit}; it is {value}.";
            }
        }

        if (MinimumSample is < 1 or > 1_000_000)
        {
            yield return $"{Section}:{nameof(MinimumSample)} must be from 1 to 1000000; it is {MinimumSample}.";
        }

        if (!Enum.IsDefined(WarningWindow))
        {
            yield return $"{Section}:{nameof(WarningWindow)} must be FifteenMinutes, OneHour or OneDay.";
        }

        if (RepeatEngagementWindow <= TimeSpan.Zero || RepeatEngagementWindow > TimeSpan.FromDays(7))
        {
            yield return $"{Section}:{nameof(RepeatEngagementWindow)} must be above zero and at most 7 days; " +
                $"it is {RepeatEngagementWindow}.";
        }
    }
}
