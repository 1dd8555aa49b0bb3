using Balancer.Contracts.Grains;
using Balancer.Contracts.Model;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace Balancer.Grains;

/// <summary>
/// Gathers live updates on this silo and sends them to every listening api host on a short timer.
/// Warnings are all kept, in order; snapshots are coalesced, the newest per queue or sequence.
/// </summary>
[StatelessWorker(1)]
public sealed class NotifierGrain(IOptions<LiveOptions> options, ILogger<NotifierGrain> logger) : Grain, INotifierGrain
{
    private readonly LiveOptions _options = options.Value;
    private readonly List<LiveUpdate> _events = [];
    private readonly Dictionary<(string Tenant, string Id, bool IsQueue), LiveUpdate> _snapshots = [];
    private IReadOnlyList<ILiveObserver> _observers = [];
    private long? _observersReadAt;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        this.RegisterGrainTimer(Flush, new GrainTimerCreationOptions(_options.FlushInterval, _options.FlushInterval)
        {
            KeepAlive = true,
        });
        return Task.CompletedTask;
    }

    public Task Publish(LiveUpdate update)
    {
        if (update.Warning is not null || update.Directive is not null)
        {
            _events.Add(update);
        }
        else if (update.Queue is { } queue)
        {
            _snapshots[(update.TenantId, queue.QueueId, true)] = update;
        }
        else if (update.Sequence is { } sequence)
        {
            _snapshots[(update.TenantId, sequence.SequenceId, false)] = update;
        }

        return Task.CompletedTask;
    }

    private async Task Flush(CancellationToken cancellationToken)
    {
        if (_events.Count == 0 && _snapshots.Count == 0)
        {
            return;
        }

        var observers = await Observers();
        var batch = new LiveBatch([.. _events, .. _snapshots.Values]);
        _events.Clear();
        _snapshots.Clear();
        foreach (var observer in observers)
        {
            _ = observer.OnLive(batch);
        }

        logger.LogTraceFlushed(batch.Updates.Count, observers.Count);
    }

    private async Task<IReadOnlyList<ILiveObserver>> Observers()
    {
        if (_observersReadAt is { } readAt &&
            Environment.TickCount64 - readAt < _options.ObserverRefreshInterval.TotalMilliseconds)
        {
            return _observers;
        }

        try
        {
            _observers = await GrainFactory.GetGrain<ILiveRegistryGrain>(0).GetObservers();
            _observersReadAt = Environment.TickCount64;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarningRegistryUnreachable(ex);
        }

        return _observers;
    }
}
