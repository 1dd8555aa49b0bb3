namespace Balancer.Grains;

/// <summary>How the queue grains track their conversations. Section <c>Balancer:Queues</c>.</summary>
public sealed class QueueOptions
{
    public const string Section = "Balancer:Queues";

    /// <summary>
    /// How often a queue pops the deadlines that are due; a breach is detected at most this late.
    /// Default: 250 ms. Range: 10 ms to 1 s.
    /// </summary>
    public TimeSpan BreachScanInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// First-response times kept per queue for the percentiles. Default: 4096. Range: 16 to 1,000,000.
    /// </summary>
    public int FirstResponseSamples { get; set; } = 4096;
}

/// <summary>How changes reach the live views. Section <c>Balancer:Live</c>.</summary>
public sealed class LiveOptions
{
    public const string Section = "Balancer:Live";

    /// <summary>How often the notifier sends what it gathered. Default: 100 ms. Range: 10 ms to 1 s.</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// The shortest time between two snapshots of the same queue or sequence. Default: 500 ms.
    /// Range: 100 ms to 1 minute.
    /// </summary>
    public TimeSpan SnapshotInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// How often a notifier re-reads the list of listening api hosts.
    /// Default: 5 s. Range: 1 s to 5 minutes.
    /// </summary>
    public TimeSpan ObserverRefreshInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long an api host's subscription lasts unless renewed. Api hosts renew every 30 seconds,
    /// so the floor leaves room for two missed renewals. Default: 2 minutes. Range: 90 s to 1 hour.
    /// </summary>
    public TimeSpan SubscriptionExpiry { get; set; } = TimeSpan.FromMinutes(2);
}
