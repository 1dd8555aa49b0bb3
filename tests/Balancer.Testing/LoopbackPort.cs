using System.Net;
using System.Net.Sockets;

namespace Balancer.Testing;

/// <summary>Free TCP ports on the loopback, for the servers and silos the tests start.</summary>
public static class LoopbackPort
{
    /// <summary>A port free now: the system's choice for a listener that is closed again at once.</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
