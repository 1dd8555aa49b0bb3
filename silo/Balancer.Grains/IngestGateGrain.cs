using Balancer.Capacity;
using Balancer.Contracts.Grains;
using Balancer.Contracts.Model;
using Microsoft.Extensions.Options;

namespace Balancer.Grains;

[GenerateSerializer, Alias("balancer.IngestGateState")]
public sealed class IngestGateState : IFiguresState
{
    [Id(0)]
    public long FiguresEpoch { get; set; }
}

/// <summary>
/// A tenant's ingest gate: its <see cref="RecentIds"/> make an event sent again count once, and it
/// hands each batch the epoch its grains are in. The ids it remembers are figures like any other:
/// lost with the gate's silo and rebuilt from the journal, whose replay claims them again.
/// </summary>
[CollectionAgeLimit(Hours = 25)]
public sealed class IngestGateGrain(
    [PersistentState("gate", StorageNames.Balancer)] IPersistentState<IngestGateState> state,
    BalancerClock clock,
    IOptions<DedupOptions> dedup,
    IOptions<RecoveryOptions> recovery) : Grain, IIngestGateGrain
{
    private readonly RecentIds _ids = new(dedup.Value.Window, dedup.Value.Capacity);
    private EpochFence<IngestGateState>? _fence;
    private bool _closed;
    private bool _statusKnown;

    private EpochFence<IngestGateState> Fence => _fence ??= new EpochFence<IngestGateState>(
        state, recovery.Value.Enabled, this.GetPrimaryKeyString(), "the ingest gate");

    public async Task<GateClaim> Claim(EventIds ids, DateTimeOffset? at, long? replayEpoch)
    {
        var tenantId = this.GetPrimaryKeyString();
        if (recovery.Value.Enabled && !_statusKnown)
        {
            // Before the first claim, and on purpose not in activation: the tenant may be the one calling.
            _closed = (await GrainFactory.GetGrain<ITenantGrain>(tenantId).GetEpoch()).Recovering;
            _statusKnown = true;
        }

        if (replayEpoch is { } epoch)
        {
            await Fence.Admit(epoch, GrainFactory);
        }
        else if (_closed)
        {
            throw new TenantRecoveringException(tenantId, "new batches wait until the journal is replayed");
        }

        var current = await Fence.Current(GrainFactory);
        var now = at ?? clock.Now;
        List<int>? duplicates = null;
        var fingerprints = ids.Packed;
        for (var i = 0; i < ids.Count; i++)
        {
            if (!_ids.Add(BitConverter.ToUInt64(fingerprints, i * sizeof(ulong)), now))
            {
                (duplicates ??= []).Add(i);
            }
        }

        return new GateClaim(current, duplicates ?? (IReadOnlyList<int>)[]);
    }

    public Task Release(EventIds ids)
    {
        foreach (var id in ids.Span)
        {
            _ids.Remove(id);
        }

        return Task.CompletedTask;
    }

    public Task Close()
    {
        _closed = true;
        _statusKnown = true;
        return Task.CompletedTask;
    }

    public Task Open(long epoch)
    {
        _closed = false;
        _statusKnown = true;
        return Task.CompletedTask;
    }

    public async Task Reset()
    {
        await Fence.Forget();
        DeactivateOnIdle();
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        Fence.Deactivating(reason);
}
