using System.Collections.Concurrent;
using Balancer.Api.Hosting;
using Balancer.Contracts.Grains;
using Balancer.Contracts.Model;
using Microsoft.Extensions.Options;

namespace Balancer.Api.Ingest;

/// <summary>
/// Each tenant's catalog as this api host last read it. Entities are only ever added, so a stale
/// catalog can only miss an id: the batch processor then reads it again once before rejecting. A
/// change that names no new id (routing turned on) reaches a host once its copy is older than
/// <see cref="ApiOptions.CatalogMaxAge"/>, measured in real time.
/// </summary>
public sealed class TenantCatalogCache(IGrainFactory grains, IOptions<ApiOptions> options)
{
    private readonly ConcurrentDictionary<string, (TenantCatalog Catalog, long ReadAt)> _catalogs =
        new(StringComparer.Ordinal);

    private readonly long _maxAgeMs = (long)options.Value.CatalogMaxAge.TotalMilliseconds;

    /// <returns>The catalog, and whether it was read just now.</returns>
    public async ValueTask<(TenantCatalog Catalog, bool Fresh)> Get(string tenantId) =>
        _catalogs.TryGetValue(tenantId, out var known) && Environment.TickCount64 - known.ReadAt < _maxAgeMs
            ? (known.Catalog, false)
            : (await Refresh(tenantId), true);

    public async Task<TenantCatalog> Refresh(string tenantId)
    {
        var catalog = await grains.GetGrain<ITenantGrain>(tenantId).GetCatalog();
        var read = (catalog, Environment.TickCount64);
        var kept = _catalogs.AddOrUpdate(
            tenantId, read, (_, known) => known.Catalog.Version > catalog.Version ? known : read);
        return kept.Catalog;
    }

    public void Invalidate(string tenantId) => _catalogs.TryRemove(tenantId, out _);
}
