using System.Collections.Concurrent;
using Balancer.Contracts.Grains;
using Balancer.Contracts.Model;

namespace Balancer.Api.Ingest;

/// <summary>
/// Each tenant's catalog as this api host last read it. Entities are only ever added, so a stale
/// catalog can only miss an id: the batch processor then reads it again once before rejecting.
/// </summary>
public sealed class TenantCatalogCache(IGrainFactory grains)
{
    private readonly ConcurrentDictionary<string, TenantCatalog> _catalogs = new(StringComparer.Ordinal);

    /// <returns>The catalog, and whether it was read just now.</returns>
    public async ValueTask<(TenantCatalog Catalog, bool Fresh)> Get(string tenantId) =>
        _catalogs.TryGetValue(tenantId, out var catalog) ? (catalog, false) : (await Refresh(tenantId), true);

    public async Task<TenantCatalog> Refresh(string tenantId)
    {
        var catalog = await grains.GetGrain<ITenantGrain>(tenantId).GetCatalog();
        _catalogs.AddOrUpdate(tenantId, catalog, (_, known) => known.Version >= catalog.Version ? known : catalog);
        return catalog;
    }

    public void Invalidate(string tenantId) => _catalogs.TryRemove(tenantId, out _);
}
