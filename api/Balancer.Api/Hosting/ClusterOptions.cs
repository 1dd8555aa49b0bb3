namespace Balancer.Api.Hosting;

/// <summary>
/// How the api reaches its grains. Section <c>Balancer:Cluster</c>. The same section holds the cluster's
/// <c>ClusterId</c> and <c>ServiceId</c> (<see cref="Balancer.Hosting.ClusterIdentityOptions"/>) and, for
/// the embedded silo, its <c>SiloPort</c>, <c>GatewayPort</c> and <c>AdvertisedAddress</c>
/// (<see cref="Balancer.Hosting.SiloEndpointOptions"/>).
/// </summary>
public sealed class ClusterOptions
{
    public const string Section = "Balancer:Cluster";

    /// <summary>
    /// Embedded: the api hosts a silo in its own process. Client: the api is an Orleans client of separate
    /// silos. Either is durable when <c>ConnectionStrings:Balancer</c> is set. Default: Embedded.
    /// </summary>
    public ClusterMode Mode { get; set; } = ClusterMode.Embedded;

    /// <summary>
    /// The gateway port: of the embedded silo, or, in Client mode without a connection string, of the silo
    /// on localhost the client connects to. A durable client finds the gateways in the membership table
    /// instead. Default: 30000. Range: 1 to 65535.
    /// </summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>
    /// In Client mode, how often the client reads the gateway list again: how soon it connects to a silo
    /// that joined, and stops trying one that was declared dead. Default: Orleans' (1 minute).
    /// Range: 1 s to 1 hour.
    /// </summary>
    public TimeSpan? GatewayListRefreshPeriod { get; set; }

    /// <summary>The problems of these options, each naming its option; none when they are valid.</summary>
    public IEnumerable<string> Validate()
    {
        if (!Enum.IsDefined(Mode))
        {
            yield return $"{Section}:{nameof(Mode)} must be Embedded or Client; it is {Mode}.";
        }

        if (GatewayPort is < 1 or > 65535)
        {
            yield return $"{Section}:{nameof(GatewayPort)} must be from 1 to 65535; it is {GatewayPort}.";
        }

        if (GatewayListRefreshPeriod is { } refresh
            && (refresh < TimeSpan.FromSeconds(1) || refresh > TimeSpan.FromHours(1)))
        {
            yield return $"{Section}:{nameof(GatewayListRefreshPeriod)} must be from 1 s to 1 hour; it is {refresh}.";
        }
    }
}

public enum ClusterMode
{
    Embedded,
    Client,
}
