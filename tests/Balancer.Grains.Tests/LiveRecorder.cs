using Balancer.Contracts.Grains;
using Balancer.Contracts.Model;

namespace Balancer.Grains.Tests;

/// <summary>An api host's stand-in: keeps every batch the notifier sends it.</summary>
public sealed class LiveRecorder : ILiveObserver
{
    private readonly Lock _gate = new();
    private readonly List<LiveBatch> _batches = [];

    public Task OnLive(LiveBatch batch)
    {
        lock (_gate)
        {
            _batches.Add(batch);
        }

        return Task.CompletedTask;
    }

    public IReadOnlyList<LiveUpdate> Updates(string tenantId)
    {
        lock (_gate)
        {
            return [.. _batches.SelectMany(b => b.Updates).Where(u => u.TenantId == tenantId)];
        }
    }

    public IReadOnlyList<LiveWarning> Warnings(string tenantId, string scope) =>
        [.. Updates(tenantId).Select(u => u.Warning).OfType<LiveWarning>().Where(w => w.Scope == scope)];

    public IReadOnlyList<QueueFigures> QueueSnapshots(string tenantId, string queueId) =>
        [.. Updates(tenantId).Select(u => u.Queue).OfType<QueueFigures>().Where(q => q.QueueId == queueId)];

    public IReadOnlyList<SequenceDirective> Directives(string tenantId) =>
        [.. Updates(tenantId).Select(u => u.Directive).OfType<SequenceDirective>()];

    public QueueFigures? LatestQueueSnapshot(string tenantId, string queueId) =>
        QueueSnapshots(tenantId, queueId).LastOrDefault();
}

/// <summary>A recorder subscribed to the live registry, proven to be reached by the notifier before use.</summary>
public sealed class LiveSubscription : IAsyncDisposable
{
    private readonly IClusterClient _client;
    private readonly ILiveObserver _reference;

    private LiveSubscription(IClusterClient client, LiveRecorder recorder, ILiveObserver reference)
    {
        _client = client;
        Recorder = recorder;
        _reference = reference;
    }

    public LiveRecorder Recorder { get; }

    public static async Task<LiveSubscription> Start(IClusterClient client, DateTimeOffset now)
    {
        var recorder = new LiveRecorder();
        var reference = client.CreateObjectReference<ILiveObserver>(recorder);
        await client.GetGrain<ILiveRegistryGrain>(0).Subscribe(reference).WaitAsync(Limits.Call);

        // The notifier re-reads the registry at most once per ObserverRefreshInterval (1 s here):
        // publish a probe until it arrives, so no update of the test itself is sent before we listen.
        var probeTenant = Ids.Tenant("probe");
        var probe = new LiveUpdate(
            probeTenant,
            new LiveWarning(probeTenant, "probe", "probe", WarningMetric.BreachRate, WarningLevel.Normal,
                WarningLevel.Normal, 0, 0, null, now, "probe"),
            null,
            null);
        var notifier = client.GetGrain<INotifierGrain>(0);
        await Eventually.Equal(
            true,
            async () =>
            {
                if (recorder.Updates(probeTenant).Count == 0)
                {
                    await notifier.Publish(probe).WaitAsync(Limits.Call);
                }

                return recorder.Updates(probeTenant).Count > 0;
            },
            Limits.Timer);
        return new LiveSubscription(client, recorder, reference);
    }

    public async ValueTask DisposeAsync()
    {
        await _client.GetGrain<ILiveRegistryGrain>(0).Unsubscribe(_reference).WaitAsync(Limits.Call);
        _client.DeleteObjectReference<ILiveObserver>(_reference);
        GC.KeepAlive(Recorder);
    }
}
