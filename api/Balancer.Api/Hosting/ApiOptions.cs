namespace Balancer.Api.Hosting;

/// <summary>Limits and switches of the api. Section <c>Balancer:Api</c>.</summary>
public sealed class ApiOptions
{
    public const string Section = "Balancer:Api";

    /// <summary>Events one batch may carry. Default: 5000. Range: 1 to 100,000.</summary>
    public int MaxEventsPerBatch { get; set; } = 5000;

    /// <summary>
    /// Characters of an id (tenant, queue, agent, sequence, conversation, contact).
    /// Default: 64. Range: 8 to 256.
    /// </summary>
    public int MaxIdLength { get; set; } = 64;

    /// <summary>Characters of an event id or batch id. Default: 128. Range: 8 to 512.</summary>
    public int MaxEventIdLength { get; set; } = 128;

    /// <summary>
    /// Characters of free text in configuration: display names, trigger sources, step names.
    /// Default: 200. Range: 16 to 4,096.
    /// </summary>
    public int MaxTextLength { get; set; } = 200;

    /// <summary>Steps one sequence may have. Default: 50. Range: 1 to 1,000.</summary>
    public int MaxSequenceSteps { get; set; } = 50;

    /// <summary>
    /// Characters of a bot transcript, or of the reference to it, that a reply or an escalation carries
    /// to the agent. Default: 4,000. Range: 16 to 65,536.
    /// </summary>
    public int MaxTranscriptLength { get; set; } = 4000;

    /// <summary>
    /// How long a host trusts its copy of a tenant's catalog before reading it again, so that a change
    /// made through another host that names no new id, such as routing turned on, reaches this one.
    /// Default: 5 s. Range: 100 ms to 5 minutes.
    /// </summary>
    public TimeSpan CatalogMaxAge { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How old an event may be; older ones fall outside every window and are rejected.
    /// Default: 24 hours. Range: 1 minute to 7 days.
    /// </summary>
    public TimeSpan MaxEventAge { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// How far ahead of the server's clock an event may be stamped.
    /// Default: 5 minutes. Range: 0 to 1 hour.
    /// </summary>
    public TimeSpan MaxClockSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// With a journal, how long a batch may take to reach the grains before the api gives it up, answers
    /// UNAVAILABLE and has the tenant's figures rebuilt: a call to a silo that died holds on until the
    /// cluster declares it dead, or for Orleans' response timeout. Without a journal there is nothing to
    /// rebuild from, and a batch waits for its calls. Default: 10 s. Range: 1 s to 5 minutes.
    /// </summary>
    public TimeSpan BatchTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Serves <c>BenchSink</c>, the benchmark's baseline that counts events and touches no grain.
    /// Default: false.
    /// </summary>
    public bool EnableBenchSink { get; set; }

    public IEnumerable<string> Validate()
    {
        if (MaxEventsPerBatch is < 1 or > 100_000)
        {
            yield return $"{Section}:{nameof(MaxEventsPerBatch)} must be from 1 to 100000; it is {MaxEventsPerBatch}.";
        }

        if (MaxIdLength is < 8 or > 256)
        {
            yield return $"{Section}:{nameof(MaxIdLength)} must be from 8 to 256; it is {MaxIdLength}.";
        }

        if (MaxEventIdLength is < 8 or > 512)
        {
            yield return $"{Section}:{nameof(MaxEventIdLength)} must be from 8 to 512; it is {MaxEventIdLength}.";
        }

        if (MaxTextLength is < 16 or > 4096)
        {
            yield return $"{Section}:{nameof(MaxTextLength)} must be from 16 to 4096; it is {MaxTextLength}.";
        }

        if (MaxSequenceSteps is < 1 or > 1000)
        {
            yield return $"{Section}:{nameof(MaxSequenceSteps)} must be from 1 to 1000; it is {MaxSequenceSteps}.";
        }

        if (MaxTranscriptLength is < 16 or > 65_536)
        {
            yield return $"{Section}:{nameof(MaxTranscriptLength)} must be from 16 to 65536; " +
                $"it is {MaxTranscriptLength}.";
        }

        if (CatalogMaxAge < TimeSpan.FromMilliseconds(100) || CatalogMaxAge > TimeSpan.FromMinutes(5))
        {
            yield return $"{Section}:{nameof(CatalogMaxAge)} must be from 100 ms to 5 minutes; it is {CatalogMaxAge}.";
        }

        if (MaxEventAge < TimeSpan.FromMinutes(1) || MaxEventAge > TimeSpan.FromDays(7))
        {
            yield return $"{Section}:{nameof(MaxEventAge)} must be from 1 minute to 7 days; it is {MaxEventAge}.";
        }

        if (BatchTimeout < TimeSpan.FromSeconds(1) || BatchTimeout > TimeSpan.FromMinutes(5))
        {
            yield return $"{Section}:{nameof(BatchTimeout)} must be from 1 s to 5 minutes; it is {BatchTimeout}.";
        }

        if (MaxClockSkew < TimeSpan.Zero || MaxClockSkew > TimeSpan.FromHours(1))
        {
            yield return $"{Section}:{nameof(MaxClockSkew)} must be from 0 to 1 hour; it is {MaxClockSkew}.";
        }
    }
}
