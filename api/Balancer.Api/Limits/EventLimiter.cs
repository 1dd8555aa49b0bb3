using System.Threading.RateLimiting;
using Balancer.Api.Hosting;
using Microsoft.Extensions.Options;

namespace Balancer.Api.Limits;

/// <summary>
/// Each tenant's events a second on this host (<see cref="LimitsOptions.EventsPerSecond"/>), a token bucket per
/// tenant. A batch takes as many tokens as it has events, or none: refused whole, with the wait until enough have
/// come back.
/// </summary>
public sealed class EventLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string>? _tenants;
    private readonly TokenBucketRateLimiterOptions? _bucket;
    private readonly string _limit = "";
    private readonly ILogger<EventLimiter> _logger;

    public EventLimiter(IOptions<LimitsOptions> limits, IOptions<ApiOptions> api, ILogger<EventLimiter> logger)
    {
        _logger = logger;
        var options = limits.Value;
        if (options.EventsPerSecond == 0)
        {
            return;
        }

        var size = options.EventBucket(api.Value.MaxEventsPerBatch);
        var bucket = TokenBuckets.Of(options.EventsPerSecond, size);
        Func<string, TokenBucketRateLimiterOptions> bucketOf = _ => bucket;
        _bucket = bucket;
        _tenants = PartitionedRateLimiter.Create<string, string>(
            tenant => RateLimitPartition.GetTokenBucketLimiter(tenant, bucketOf), StringComparer.Ordinal);
        _limit = $"{LimitsOptions.Format(options.EventsPerSecond)} events a second to this api host, {size} at once";
    }

    /// <summary>
    /// Takes a batch's events from the tenant's bucket; when there are not enough, takes none and throws
    /// RESOURCE_EXHAUSTED with the wait.
    /// </summary>
    public void Take(string tenantId, int events)
    {
        if (_tenants is null || events == 0)
        {
            return;
        }

        using var lease = _tenants.AttemptAcquire(tenantId, events);
        if (lease.IsAcquired)
        {
            return;
        }

        var left = _tenants.GetStatistics(tenantId)?.CurrentAvailablePermits ?? 0;
        var wait = TokenBuckets.Wait(_bucket!, events - (int)left);
        _logger.LogDebugEventsThrottled(tenantId, events, Throttled.Milliseconds(wait));
        throw Throttled.Exception(
            $"Too many events: tenant '{tenantId}' may send {_limit}; this batch of {events} was not taken", wait);
    }

    public void Dispose() => _tenants?.Dispose();
}
