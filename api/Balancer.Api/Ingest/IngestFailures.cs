using System.Data.Common;
using Balancer.Contracts.Grains;
using Balancer.Storage;
using Grpc.Core;

namespace Balancer.Api.Ingest;

/// <summary>
/// Tells the failures a sender should retry (storage or a silo out of reach, a tenant's figures being
/// rebuilt) from the rest, and words them for the sender as UNAVAILABLE.
/// </summary>
public static class IngestFailures
{
    /// <summary>The failure says nothing is wrong with the batch: sent again later, it should go through.</summary>
    public static bool IsUnavailable(Exception exception) => exception switch
    {
        TenantRecoveringException or JournalUnavailableException or TimeoutException or DbException => true,
        OrleansException => true,
        AggregateException aggregate => aggregate.InnerExceptions.All(IsUnavailable),
        _ => exception.InnerException is { } inner && IsUnavailable(inner),
    };

    public static RpcException ToRpc(Exception exception, string tenantId)
    {
        var detail = exception switch
        {
            TenantRecoveringException e => e.Message,
            JournalUnavailableException e => e.Message,
            DbException e => $"Balancer's storage (PostgreSQL) is unavailable: {e.Message}",
            _ => $"The cluster could not apply the batch of tenant {tenantId} ({exception.GetType().Name}: " +
                $"{exception.Message})",
        };
        return new RpcException(new Status(
            StatusCode.Unavailable,
            $"{detail.TrimEnd('.')}. The batch is not acknowledged; send it again with the same event ids, " +
            "and what was applied of it counts once.",
            exception));
    }
}
