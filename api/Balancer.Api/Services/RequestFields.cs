using Balancer.Api.Hosting;
using Balancer.Api.Ingest;
using Grpc.Core;

namespace Balancer.Api.Services;

/// <summary>The services' checks of request fields: each failure is INVALID_ARGUMENT naming the field.</summary>
public static class RequestFields
{
    public static RpcException Invalid(string field, string reason) =>
        new(new Status(StatusCode.InvalidArgument, $"{field} {reason}."));

    public static void Id(ApiOptions options, string field, string value)
    {
        if (Fields.IdProblem(value, options.MaxIdLength) is { } problem)
        {
            throw Invalid(field, problem);
        }
    }

    public static void Text(ApiOptions options, string field, string value)
    {
        if (Fields.TextProblem(value, options.MaxTextLength) is { } problem)
        {
            throw Invalid(field, problem);
        }
    }
}
