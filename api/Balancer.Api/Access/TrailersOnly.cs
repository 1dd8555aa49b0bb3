using System.Globalization;
using Grpc.Core;

namespace Balancer.Api.Access;

/// <summary>
/// A gRPC answer of headers alone, as gRPC allows for a call failing at once, before its handler runs: HTTP 200,
/// the gRPC content type, the status, its message percent-encoded, and any further trailers.
/// </summary>
public static class TrailersOnly
{
    public static bool IsGrpc(HttpRequest request) =>
        request.ContentType?.StartsWith("application/grpc", StringComparison.Ordinal) == true;

    public static Task Write(
        HttpContext context, StatusCode code, string message, params (string Name, string Value)[] trailers)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/grpc";
        response.Headers["grpc-status"] = ((int)code).ToString(CultureInfo.InvariantCulture);
        response.Headers["grpc-message"] = Uri.EscapeDataString(message);
        foreach (var (name, value) in trailers)
        {
            response.Headers[name] = value;
        }

        return Task.CompletedTask;
    }
}
