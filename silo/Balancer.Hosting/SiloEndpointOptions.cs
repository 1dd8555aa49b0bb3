using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;

namespace Balancer.Hosting;

/// <summary>
/// Where a silo listens and the address it gives the others. Section <c>Balancer:Silo</c> for the silo
/// process; the api's embedded silo reads the same keys under <c>Balancer:Cluster</c>.
/// </summary>
public sealed class SiloEndpointOptions
{
    /// <summary>The silo process's section.</summary>
    public const string Section = "Balancer:Silo";

    /// <summary>The silo-to-silo port. Default: 11111. Range: 1 to 65535.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>The port Orleans clients (the api) connect to. Default: 30000. Range: 1 to 65535.</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>
    /// The IP address the silo writes into the membership table, where other silos and the clients read
    /// it: it must reach this silo from them. Only used when durable; localhost clustering stays on the
    /// loopback. A loopback address also makes the silo listen on the loopback only, any other on every
    /// address. Default: the first IPv4 address of an interface that is up and not the loopback, else
    /// 127.0.0.1. Range: an IPv4 or IPv6 address.
    /// </summary>
    public string? AdvertisedAddress { get; set; }

    /// <summary>Reads <paramref name="section"/> from <paramref name="configuration"/>.</summary>
    public static SiloEndpointOptions From(IConfiguration configuration, string section) =>
        configuration.GetSection(section).Get<SiloEndpointOptions>() ?? new SiloEndpointOptions();

    /// <summary>
    /// The problems of these options, each naming its option under <paramref name="section"/>; none when
    /// they are valid.
    /// </summary>
    public IEnumerable<string> Validate(string section)
    {
        if (SiloPort is < 1 or > 65535)
        {
            yield return $"{section}:{nameof(SiloPort)} must be from 1 to 65535; it is {SiloPort}.";
        }

        if (GatewayPort is < 1 or > 65535)
        {
            yield return $"{section}:{nameof(GatewayPort)} must be from 1 to 65535; it is {GatewayPort}.";
        }

        if (SiloPort == GatewayPort)
        {
            yield return $"{section}:{nameof(SiloPort)} and {nameof(GatewayPort)} must differ; both are {SiloPort}.";
        }

        if (!string.IsNullOrWhiteSpace(AdvertisedAddress) && !IPAddress.TryParse(AdvertisedAddress, out _))
        {
            yield return $"{section}:{nameof(AdvertisedAddress)} must be an IPv4 or IPv6 address; " +
                $"it is '{AdvertisedAddress}'.";
        }
    }

    /// <summary>The address to advertise: the configured one, or the host's first non-loopback IPv4.</summary>
    public IPAddress ResolveAdvertisedAddress() =>
        string.IsNullOrWhiteSpace(AdvertisedAddress) ? FirstHostAddress() : IPAddress.Parse(AdvertisedAddress);

    private static IPAddress FirstHostAddress() =>
        NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up
                && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a))
        ?? IPAddress.Loopback;
}
