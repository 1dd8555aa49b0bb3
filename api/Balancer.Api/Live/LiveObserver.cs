using System.Threading.Channels;
using Balancer.Api.Hosting;
using Balancer.Contracts.Grains;
using Balancer.Contracts.Live;
using Balancer.Contracts.Model;
using Microsoft.AspNetCore.SignalR;
using Channel = System.Threading.Channels.Channel;

namespace Balancer.Api.Live;

/// <summary>
/// This host's listener for the cluster's live updates: pushes each warning and each directive as
/// it comes, directives to the ingest streams of their tenant as well, and the snapshots of one
/// flush as one message per tenant.
/// </summary>
/// <remarks>
/// Batches are pushed one after another by a single reader, so a newer snapshot never lands
/// before an older one and a recovery never before its warning.
/// </remarks>
public sealed class LiveObserver : ILiveObserver, IDisposable
{
    private readonly Channel<LiveBatch> _batches =
        Channel.CreateUnbounded<LiveBatch>(new UnboundedChannelOptions { SingleReader = true });

    private readonly IHubContext<LiveHub> _hub;
    private readonly DirectiveFeed _directives;
    private readonly ILogger<LiveObserver> _logger;
    private readonly Task _pushing;

    public LiveObserver(IHubContext<LiveHub> hub, DirectiveFeed directives, ILogger<LiveObserver> logger)
    {
        _hub = hub;
        _directives = directives;
        _logger = logger;
        _pushing = Task.Run(PushAll);
    }

    public Task OnLive(LiveBatch batch)
    {
        _batches.Writer.TryWrite(batch);
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _batches.Writer.TryComplete();
        _pushing.Wait(TimeSpan.FromSeconds(5));
    }

    private async Task PushAll()
    {
        await foreach (var batch in _batches.Reader.ReadAllAsync())
        {
            try
            {
                await Push(batch);
            }
            catch (Exception ex)
            {
                _logger.LogWarningLivePushFailed(ex, batch.Updates.Count);
            }
        }
    }

    private async Task Push(LiveBatch batch)
    {
        foreach (var update in batch.Updates)
        {
            if (update.Warning is { } warning)
            {
                await _hub.Clients.Group(LiveHub.GroupOf(update.TenantId)).SendAsync(LiveHubContract.Warning, warning);
            }
            else if (update.Directive is { } directive)
            {
                _directives.Publish(directive);
                await _hub.Clients.Group(LiveHub.GroupOf(update.TenantId))
                    .SendAsync(LiveHubContract.Directive, directive);
            }
        }

        var snapshots = batch.Updates.Where(u => u.Queue is not null || u.Sequence is not null);
        foreach (var tenant in snapshots.GroupBy(u => u.TenantId))
        {
            var snapshot = new LiveSnapshot(
                tenant.Key,
                [.. tenant.Select(u => u.Queue).OfType<QueueFigures>()],
                [.. tenant.Select(u => u.Sequence).OfType<SequenceFigures>()],
                [],
                []);
            await _hub.Clients.Group(LiveHub.GroupOf(tenant.Key)).SendAsync(LiveHubContract.Snapshot, snapshot);
        }
    }
}
