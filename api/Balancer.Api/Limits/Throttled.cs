using System.Globalization;
using Grpc.Core;

namespace Balancer.Api.Limits;

/// <summary>
/// The answer to a caller over one of its limits: RESOURCE_EXHAUSTED, a message saying the limit and the wait, and
/// the wait in the standard <c>grpc-retry-pushback-ms</c> trailer, which a gRPC client's retry policy obeys.
/// </summary>
public static class Throttled
{
    public const string PushbackTrailer = "grpc-retry-pushback-ms";

    /// <summary>The wait in whole milliseconds, rounded up, at least 1.</summary>
    public static long Milliseconds(TimeSpan wait) => Math.Max(1, (long)Math.Ceiling(wait.TotalMilliseconds));

    /// <summary>The status message: the limit, then the wait.</summary>
    public static string Message(string limit, long waitMs) =>
        string.Create(CultureInfo.InvariantCulture, $"{limit}; retry after {waitMs} ms.");

    public static RpcException Exception(string limit, TimeSpan wait)
    {
        var ms = Milliseconds(wait);
        return new RpcException(
            new Status(StatusCode.ResourceExhausted, Message(limit, ms)),
            new Metadata { { PushbackTrailer, ms.ToString(CultureInfo.InvariantCulture) } });
    }
}
