using Balancer.Api.Access;
using Balancer.Api.Hosting;
using Balancer.Api.Ingest;
using Balancer.Contracts.Grains;
using Balancer.Contracts.Live;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Balancer.Api.Live;

/// <summary>
/// The live views' hub, for a credential with the viewer role. A dashboard joins its own tenant, the
/// credential's, and receives its warnings and snapshots as <see cref="LiveHubContract.Warning"/> and
/// <see cref="LiveHubContract.Snapshot"/>; there is no way to name another. A connection whose credential stops
/// holding is ended by the <see cref="HubCredentialWatch"/>.
/// </summary>
[Authorize(Roles = Callers.Viewer)]
public sealed class LiveHub(
    IGrainFactory grains, TenantCatalogCache catalogs, HubCredentialWatch watch, ILogger<LiveHub> logger) : Hub
{
    public static string GroupOf(string tenantId) => "tenant:" + tenantId;

    public override Task OnConnectedAsync()
    {
        watch.Opened(Context);
        return Task.CompletedTask;
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        watch.Closed(Context);
        return Task.CompletedTask;
    }

    /// <summary>Joins the tenant's group and returns its figures and current warnings as they stand.</summary>
    [HubMethodName(LiveHubContract.Join)]
    public async Task<LiveSnapshot> Join()
    {
        var tenantId = Callers.TenantOf(Context.User!) ??
            throw new HubException("This credential belongs to no tenant.");
        await Groups.AddToGroupAsync(Context.ConnectionId, GroupOf(tenantId));
        logger.LogDebugJoined(Context.ConnectionId, tenantId);
        var catalog = await catalogs.Refresh(tenantId);
        var queues = await Task.WhenAll(catalog.QueueIds.Order(StringComparer.Ordinal)
            .Select(id => grains.GetGrain<IQueueGrain>(GrainKeys.Of(tenantId, id)).GetFigures()));
        var sequences = await Task.WhenAll(catalog.SequenceSteps.Keys.Order(StringComparer.Ordinal)
            .Select(id => grains.GetGrain<ISequenceGrain>(GrainKeys.Of(tenantId, id)).GetFigures()));
        var tenant = grains.GetGrain<ITenantGrain>(tenantId);
        var figures = await tenant.GetFigures();
        var directives = await tenant.GetDirectives();
        return new LiveSnapshot(tenantId, queues, sequences, figures.Warnings, directives.Current);
    }
}
