using Balancer.Contracts.Grains;

namespace Balancer.Api.Ingest;

/// <summary>
/// References to one kind of tenant-owned grain, kept for the life of a stream: resolving a grain
/// reference reads the interface's attributes, which costs more than the call's own bookkeeping.
/// </summary>
public sealed class GrainRefs<TGrain>(IGrainFactory grains)
    where TGrain : IGrainWithStringKey
{
    private const int MaxKept = 4096;

    private readonly Dictionary<(string Tenant, string Id), TGrain> _refs = [];

    public TGrain Get(string tenantId, string id)
    {
        if (!_refs.TryGetValue((tenantId, id), out var grain))
        {
            if (_refs.Count >= MaxKept)
            {
                _refs.Clear();
            }

            grain = grains.GetGrain<TGrain>(GrainKeys.Of(tenantId, id));
            _refs.Add((tenantId, id), grain);
        }

        return grain;
    }
}
