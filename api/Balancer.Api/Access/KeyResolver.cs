using System.Collections.Concurrent;
using Balancer.Contracts.Grains;
using Balancer.Contracts.Model;
using Microsoft.Extensions.Options;

namespace Balancer.Api.Access;

/// <summary>
/// Finds what a presented key grants, reading its grain at most once per <see cref="AuthOptions.KeyCacheDuration"/>
/// per key. Unknown ids are remembered too, up to a bound, so a flood of made-up keys does not reach the silos
/// each time.
/// </summary>
public sealed class KeyResolver(IGrainFactory grains, IOptions<AuthOptions> options)
{
    private const int MaxRemembered = 100_000;

    private readonly ConcurrentDictionary<string, Entry> _cache = new(StringComparer.Ordinal);

    public async ValueTask<ApiKeyGrant?> Resolve(string keyId)
    {
        var now = Environment.TickCount64;
        if (_cache.TryGetValue(keyId, out var entry) && entry.ExpiresAt > now)
        {
            return entry.Grant;
        }

        var grant = await grains.GetGrain<IApiKeyGrain>(keyId).Grant();
        var lifetime = (long)options.Value.KeyCacheDuration.TotalMilliseconds;
        if (_cache.Count >= MaxRemembered)
        {
            foreach (var (id, old) in _cache)
            {
                if (old.ExpiresAt <= now)
                {
                    _cache.TryRemove(id, out _);
                }
            }
        }

        if (lifetime > 0 && (grant is not null || _cache.Count < MaxRemembered))
        {
            _cache[keyId] = new Entry(grant, now + lifetime);
        }

        return grant;
    }

    /// <summary>Drops what this host remembers of a key, as when it revoked it.</summary>
    public void Forget(string keyId) => _cache.TryRemove(keyId, out _);

    private readonly record struct Entry(ApiKeyGrant? Grant, long ExpiresAt);
}
