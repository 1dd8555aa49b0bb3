using Orleans.Configuration;

namespace Balancer.Hosting;

/// <summary>
/// How fast the cluster notices a silo gone, bound onto Orleans' <see cref="ClusterMembershipOptions"/>.
/// Section <c>Balancer:Membership</c>. Each is unset by default, which keeps Orleans' own default. Shorter
/// timings declare a dead silo sooner, and so reactivate its grains elsewhere sooner, at the price of more
/// probes and table reads, and of declaring dead a silo that only paused (a long GC, a saturated host).
/// </summary>
public sealed class MembershipOptions
{
    public const string Section = "Balancer:Membership";

    /// <summary>
    /// The initial timeout of a liveness probe, and so the pace of probing; Orleans adapts it per silo
    /// between half and four times this. Default: Orleans' (5 s). Range: 100 ms to 1 minute.
    /// </summary>
    public TimeSpan? ProbeTimeout { get; set; }

    /// <summary>
    /// Missed probes after which a silo votes the probed one dead. Default: Orleans' (3). Range: 1 to 10.
    /// </summary>
    public int? NumMissedProbesLimit { get; set; }

    /// <summary>
    /// Votes that declare a silo dead; a cluster with fewer live silos needs fewer.
    /// Default: Orleans' (2). Range: 1 to 10.
    /// </summary>
    public int? NumVotesForDeathDeclaration { get; set; }

    /// <summary>
    /// How long a vote counts. Default: Orleans' (2 minutes). Range: 1 s to 1 hour.
    /// </summary>
    public TimeSpan? DeathVoteExpirationTimeout { get; set; }

    /// <summary>
    /// How often a silo writes that it is alive into the table, which marks stale entries.
    /// Default: Orleans' (30 s). Range: 1 s to 10 minutes.
    /// </summary>
    public TimeSpan? IAmAliveTablePublishTimeout { get; set; }

    /// <summary>
    /// How often a silo reads the whole membership table, besides the gossip of changes.
    /// Default: Orleans' (1 minute). Range: 1 s to 10 minutes.
    /// </summary>
    public TimeSpan? TableRefreshTimeout { get; set; }

    /// <summary>
    /// How long a dead silo's row stays before clean-up may delete it; Orleans keeps any for at least an
    /// hour whatever this says. Default: Orleans' (7 days). Range: 1 minute to 365 days.
    /// </summary>
    public TimeSpan? DefunctSiloExpiration { get; set; }

    /// <summary>
    /// How often the clean-up of dead silos' rows runs. Default: Orleans' (1 hour). Range: 10 s to 1 day.
    /// </summary>
    public TimeSpan? DefunctSiloCleanupPeriod { get; set; }

    /// <summary>Sets on <paramref name="orleans"/> what is set here, and leaves the rest.</summary>
    public void ApplyTo(ClusterMembershipOptions orleans)
    {
        ArgumentNullException.ThrowIfNull(orleans);
        orleans.ProbeTimeout = ProbeTimeout ?? orleans.ProbeTimeout;
        orleans.NumMissedProbesLimit = NumMissedProbesLimit ?? orleans.NumMissedProbesLimit;
        orleans.NumVotesForDeathDeclaration = NumVotesForDeathDeclaration ?? orleans.NumVotesForDeathDeclaration;
        orleans.DeathVoteExpirationTimeout = DeathVoteExpirationTimeout ?? orleans.DeathVoteExpirationTimeout;
        orleans.IAmAliveTablePublishTimeout = IAmAliveTablePublishTimeout ?? orleans.IAmAliveTablePublishTimeout;
        orleans.TableRefreshTimeout = TableRefreshTimeout ?? orleans.TableRefreshTimeout;
        orleans.DefunctSiloExpiration = DefunctSiloExpiration ?? orleans.DefunctSiloExpiration;
        orleans.DefunctSiloCleanupPeriod = DefunctSiloCleanupPeriod ?? orleans.DefunctSiloCleanupPeriod;
    }

    /// <summary>The problems of these options, each naming its option; none when they are valid.</summary>
    public IEnumerable<string> Validate()
    {
        var second = TimeSpan.FromSeconds(1);
        return new[]
        {
            Check(nameof(ProbeTimeout), ProbeTimeout, TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(1),
                "100 ms", "1 minute"),
            Check(nameof(NumMissedProbesLimit), NumMissedProbesLimit, 1, 10),
            Check(nameof(NumVotesForDeathDeclaration), NumVotesForDeathDeclaration, 1, 10),
            Check(nameof(DeathVoteExpirationTimeout), DeathVoteExpirationTimeout, second, TimeSpan.FromHours(1),
                "1 s", "1 hour"),
            Check(nameof(IAmAliveTablePublishTimeout), IAmAliveTablePublishTimeout, second,
                TimeSpan.FromMinutes(10), "1 s", "10 minutes"),
            Check(nameof(TableRefreshTimeout), TableRefreshTimeout, second, TimeSpan.FromMinutes(10),
                "1 s", "10 minutes"),
            Check(nameof(DefunctSiloExpiration), DefunctSiloExpiration, TimeSpan.FromMinutes(1),
                TimeSpan.FromDays(365), "1 minute", "365 days"),
            Check(nameof(DefunctSiloCleanupPeriod), DefunctSiloCleanupPeriod, TimeSpan.FromSeconds(10),
                TimeSpan.FromDays(1), "10 s", "1 day"),
        }.OfType<string>();
    }

    private static string? Check(string name, TimeSpan? value, TimeSpan min, TimeSpan max, string from, string to) =>
        value is { } v && (v < min || v > max) ? $"{Section}:{name} must be from {from} to {to}; it is {v}." : null;

    private static string? Check(string name, int? value, int min, int max) =>
        value is { } v && (v < min || v > max) ? $"{Section}:{name} must be from {min} to {max}; it is {v}." : null;
}
