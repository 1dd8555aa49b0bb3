namespace Balancer.Storage;

/// <summary>How the ingest journal writes, waits and forgets. Section <c>Balancer:Journal</c>.</summary>
public sealed class JournalOptions
{
    public const string Section = "Balancer:Journal";

    /// <summary>
    /// The longest any journal operation waits for PostgreSQL (an append for its commit, a read, one step of a
    /// trim) before it fails as unavailable, so ingest never hangs on the database.
    /// Default: 5 s. Range: 100 ms to 1 minute.
    /// </summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The most batches written together in one transaction (a group commit).
    /// Default: 256. Range: 1 to 10,000.
    /// </summary>
    public int MaxGroupBatches { get; set; } = 256;

    /// <summary>
    /// The most bytes of batches written together in one transaction; a larger batch is written in a group of
    /// its own. Default: 64 MiB (67,108,864). Range: 1 MiB to 1 GiB.
    /// </summary>
    public int MaxGroupBytes { get; set; } = 64 * 1024 * 1024;

    /// <summary>
    /// How long entries are kept; older ones are trimmed, so a replay can reach back this far and no further.
    /// Default: 2 days. Range: 1 day to 365 days.
    /// </summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(2);

    /// <summary>How often entries past the retention are trimmed. Default: 1 hour. Range: 1 minute to 1 day.</summary>
    public TimeSpan TrimInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The problems with these options, each naming its option; none if they are valid.</summary>
    public IEnumerable<string> Validate()
    {
        if (Timeout < TimeSpan.FromMilliseconds(100) || Timeout > TimeSpan.FromMinutes(1))
        {
            yield return $"{Section}:{nameof(Timeout)} must be from 100 ms to 1 minute; it is {Timeout}.";
        }

        if (MaxGroupBatches is < 1 or > 10_000)
        {
            yield return $"{Section}:{nameof(MaxGroupBatches)} must be from 1 to 10000; it is {MaxGroupBatches}.";
        }

        if (MaxGroupBytes is < 1024 * 1024 or > 1024 * 1024 * 1024)
        {
            yield return $"{Section}:{nameof(MaxGroupBytes)} must be from 1048576 (1 MiB) to 1073741824 (1 GiB); " +
                $"it is {MaxGroupBytes}.";
        }

        if (Retention < TimeSpan.FromDays(1) || Retention > TimeSpan.FromDays(365))
        {
            yield return $"{Section}:{nameof(Retention)} must be from 1 day to 365 days; it is {Retention}.";
        }

        if (TrimInterval < TimeSpan.FromMinutes(1) || TrimInterval > TimeSpan.FromDays(1))
        {
            yield return $"{Section}:{nameof(TrimInterval)} must be from 1 minute to 1 day; it is {TrimInterval}.";
        }
    }
}
