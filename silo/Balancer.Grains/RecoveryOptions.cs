namespace Balancer.Grains;

/// <summary>
/// How a tenant's figures are rebuilt from its journal after a silo holding some of them is lost.
/// Section <c>Balancer:Recovery</c>.
/// </summary>
public sealed class RecoveryOptions
{
    public const string Section = "Balancer:Recovery";

    /// <summary>
    /// Grains fence their figures by the tenant's epoch and report a loss, so the figures can be rebuilt.
    /// On wherever batches are journaled (a PostgreSQL connection string is configured); without a journal
    /// there is nothing to rebuild from. Default: false.
    /// </summary>
    public bool Enabled { get; set; }

    /// <summary>
    /// How long a host may replay a tenant's journal without renewing its lease before another host may take
    /// the rebuild over. Default: 1 minute. Range: 5 s to 10 minutes.
    /// </summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How often each api host asks every tenant in the journal whether its figures wait to be rebuilt, and
    /// starts the rebuild if so: after a restart of the whole cluster, and for a tenant whose grain was lost
    /// while no batch came. Default: 15 s. Range: 1 s to 10 minutes.
    /// </summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(15);

    public IEnumerable<string> Validate()
    {
        if (SweepInterval < TimeSpan.FromSeconds(1) || SweepInterval > TimeSpan.FromMinutes(10))
        {
            yield return $"{Section}:{nameof(SweepInterval)} must be from 1 s to 10 minutes; it is {SweepInterval}.";
        }

        if (LeaseDuration < TimeSpan.FromSeconds(5) || LeaseDuration > TimeSpan.FromMinutes(10))
        {
            yield return $"{Section}:{nameof(LeaseDuration)} must be from 5 s to 10 minutes; it is {LeaseDuration}.";
        }
    }
}

/// <summary>How the ingest gate remembers event ids. Section <c>Balancer:Dedup</c>.</summary>
public sealed class DedupOptions
{
    public const string Section = "Balancer:Dedup";

    /// <summary>
    /// How long an accepted event id is remembered: an event sent again within it counts once. It should
    /// outlast a client's retries, a silo's failure detection and a rebuild. Default: 10 minutes.
    /// Range: 1 minute to 1 day.
    /// </summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// The most ids a tenant's gate remembers at once, about 40 bytes each: the default holds up to
    /// 200 MB, 10 minutes at 8,300 events a second. Past it the oldest are forgotten before their window
    /// ends. Default: 5,000,000. Range: 1,000 to 100,000,000.
    /// </summary>
    public int Capacity { get; set; } = 5_000_000;

    public IEnumerable<string> Validate()
    {
        if (Window < TimeSpan.FromMinutes(1) || Window > TimeSpan.FromDays(1))
        {
            yield return $"{Section}:{nameof(Window)} must be from 1 minute to 1 day; it is {Window}.";
        }

        if (Capacity is < 1000 or > 100_000_000)
        {
            yield return $"{Section}:{nameof(Capacity)} must be from 1000 to 100000000; it is {Capacity}.";
        }
    }
}
