namespace Balancer.Capacity;

/// <summary>How send admission paces each sequence's sends. Section <c>Balancer:Admission</c>.</summary>
public sealed class AdmissionOptions
{
    public const string Section = "Balancer:Admission";

    /// <summary>
    /// How many minutes of its hourly budget a sequence may spend at once: the size of its token
    /// bucket. Default: 10 minutes. Range: 1 minute to 4 hours.
    /// </summary>
    public TimeSpan Burst { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How long a sender waits to ask again when the grade or an empty budget stops it and no end is
    /// known (pause, blocked enrolments, a budget of zero). Default: 5 minutes. Range: 1 s to 1 hour.
    /// </summary>
    public TimeSpan BlockedRetry { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Human minutes per send at or below which a send is taken to create no human work, so the
    /// budget does not bound it. Default: 0.001. Range: 0 to 1.
    /// </summary>
    public double NegligibleMinutesPerSend { get; set; } = 0.001;

    /// <summary>Each problem, naming the option; empty when the options are usable.</summary>
    public IEnumerable<string> Validate()
    {
        if (Burst < TimeSpan.FromMinutes(1) || Burst > TimeSpan.FromHours(4))
        {
            yield return $"{Section}:{nameof(Burst)} must be from 1 minute to 4 hours; it is {Burst}.";
        }

        if (BlockedRetry < TimeSpan.FromSeconds(1) || BlockedRetry > TimeSpan.FromHours(1))
        {
            yield return $"{Section}:{nameof(BlockedRetry)} must be from 1 second to 1 hour; it is {BlockedRetry}.";
        }

        if (NegligibleMinutesPerSend is < 0 or > 1 || double.IsNaN(NegligibleMinutesPerSend))
        {
            yield return $"{Section}:{nameof(NegligibleMinutesPerSend)} must be from 0 to 1; " +
                $"it is {NegligibleMinutesPerSend}.";
        }
    }
}
