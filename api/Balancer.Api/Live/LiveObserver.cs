using Balancer.Api.Hosting;
using Balancer.Contracts.Grains;
using Balancer.Contracts.Live;
using Balancer.Contracts.Model;
using Microsoft.AspNetCore.SignalR;

namespace Balancer.Api.Live;

/// <summary>
/// This host's listener for the cluster's live updates: pushes each warning as it comes, and the
/// snapshots of one flush as one message per tenant.
/// </summary>
public sealed class LiveObserver(IHubContext<LiveHub> hub, ILogger<LiveObserver> logger) : ILiveObserver
{
    public Task OnLive(LiveBatch batch)
    {
        _ = Push(batch);
        return Task.CompletedTask;
    }

    private async Task Push(LiveBatch batch)
    {
        try
        {
            foreach (var update in batch.Updates)
            {
                if (update.Warning is { } warning)
                {
                    await hub.Clients.Group(LiveHub.GroupOf(update.TenantId)).SendAsync(LiveHubContract.Warning, warning);
                }
            }

            foreach (var tenant in batch.Updates.Where(u => u.Warning is null).GroupBy(u => u.TenantId))
            {
                var snapshot = new LiveSnapshot(
                    tenant.Key,
                    [.. tenant.Select(u => u.Queue).OfType<QueueFigures>()],
                    [.. tenant.Select(u => u.Sequence).OfType<SequenceFigures>()],
                    []);
                await hub.Clients.Group(LiveHub.GroupOf(tenant.Key)).SendAsync(LiveHubContract.Snapshot, snapshot);
            }
        }
        catch (Exception ex)
        {
            logger.LogWarningLivePushFailed(ex, batch.Updates.Count);
        }
    }
}
