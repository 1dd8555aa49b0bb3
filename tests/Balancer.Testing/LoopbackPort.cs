using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Balancer.Testing;

/// <summary>Free TCP ports on the loopback, for the servers and silos the tests start.</summary>
/// <remarks>
/// A port is chosen some time before its server binds it. A port the system picks for a listener on port 0
/// comes from its ephemeral range, which is also where every outgoing connection takes its local port: in the
/// meantime a client of another test may be handed the same one, and the server fails to bind. So the ports
/// come from just below that range instead, which no connection is given, each tried by binding it. A cursor
/// shared by the whole process, from a random start, hands each port out once, so two servers of one test
/// run never draw the same port before either has bound it.
/// </remarks>
public static class LoopbackPort
{
    private const int Width = 12_000;

    private static readonly int Low = FirstPort();
    private static int _cursor = Random.Shared.Next(Width);

    /// <summary>A port no listener holds now, and not handed out before by this process.</summary>
    public static int Free()
    {
        for (var tried = 0; tried < Width; tried++)
        {
            var port = Low + (int)((uint)Interlocked.Increment(ref _cursor) % Width);
            if (Bindable(port))
            {
                return port;
            }
        }

        throw new InvalidOperationException($"No free loopback port from {Low} to {Low + Width - 1}.");
    }

    private static bool Bindable(int port)
    {
        var listener = new TcpListener(IPAddress.Loopback, port);
        try
        {
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
        finally
        {
            listener.Stop();
        }
    }

    /// <summary>The first port of the ones handed out: those just below the system's ephemeral range.</summary>
    private static int FirstPort()
    {
        // Linux says where its range starts (32768 by default); Windows and macOS start theirs at 49152.
        const string range = "/proc/sys/net/ipv4/ip_local_port_range";
        var ephemeral = File.Exists(range)
            ? int.Parse(File.ReadAllText(range).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)[0],
                CultureInfo.InvariantCulture)
            : 49_152;
        return Math.Max(1_024, ephemeral - Width);
    }
}
