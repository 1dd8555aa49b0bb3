using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Balancer.Api.Hosting;
using Balancer.Api.Ingest;
using Balancer.Contracts.Grains;
using Balancer.Grains;
using Microsoft.Extensions.Options;

namespace Balancer.Api.Limits;

/// <summary>
/// Each tenant's events a second (<see cref="LimitsOptions.EventsPerSecond"/>). A batch takes as many tokens as it
/// has events, or none: refused whole, with the wait until enough have come back. By default the bucket is this
/// host's own, one per tenant; with <see cref="LimitScope.Cluster"/> it is the tenant's
/// <see cref="IEventBudgetGrain"/>, shared by every host.
/// </summary>
/// <remarks>
/// Asking the grain for every batch would put a grain call on every batch's path. So a host takes a slice at a
/// time, a tenth of a second's tokens (never fewer than the batch needs), and spends it on the tenant's next
/// batches. A slice not spent within <see cref="SliceLifetime"/> is dropped, so what a host holds unspent is at
/// most one slice, for at most that long: a tenant spread over several hosts reaches the rate, and a slice
/// more per host at the worst, rather than the rate once per host.
/// </remarks>
public sealed class EventLimiter : IDisposable
{
    public static readonly TimeSpan SliceLifetime = TimeSpan.FromSeconds(1);

    private readonly PartitionedRateLimiter<string>? _tenants;
    private readonly TokenBucketRateLimiterOptions? _bucket;
    private readonly IGrainFactory _grains;
    private readonly ConcurrentDictionary<string, Slice> _slices = new(StringComparer.Ordinal);
    private readonly double _perSecond;
    private readonly int _burst;
    private readonly int _slice;
    private readonly bool _cluster;
    private readonly string _limit = "";
    private readonly TimeProvider _time;
    private readonly ILogger<EventLimiter> _logger;

    public EventLimiter(
        IOptions<LimitsOptions> limits,
        IOptions<ApiOptions> api,
        IGrainFactory grains,
        LimitsClock clock,
        ILogger<EventLimiter> logger)
    {
        _grains = grains;
        _time = clock.Time;
        _logger = logger;
        var options = limits.Value;
        if (options.EventsPerSecond == 0)
        {
            return;
        }

        var size = options.EventBucket(api.Value.MaxEventsPerBatch);
        (_perSecond, _burst) = (options.EventsPerSecond, size);
        _cluster = options.EventScope == LimitScope.Cluster;
        if (_cluster)
        {
            _slice = (int)Math.Clamp(Math.Ceiling(options.EventsPerSecond / 10), 1, size);
            _limit = $"{LimitsOptions.Format(options.EventsPerSecond)} events a second across the cluster, " +
                $"{size} at once";
            return;
        }

        var bucket = TokenBuckets.Of(options.EventsPerSecond, size);
        Func<string, TokenBucketRateLimiterOptions> bucketOf = _ => bucket;
        _bucket = bucket;
        _tenants = PartitionedRateLimiter.Create<string, string>(
            tenant => RateLimitPartition.GetTokenBucketLimiter(tenant, bucketOf), StringComparer.Ordinal);
        _limit = $"{LimitsOptions.Format(options.EventsPerSecond)} events a second to this api host, {size} at once";
    }

    /// <summary>
    /// Takes a batch's events from the tenant's bucket; when there are not enough, takes none and throws
    /// RESOURCE_EXHAUSTED with the wait. With the cluster's bucket out of reach, throws UNAVAILABLE.
    /// </summary>
    public ValueTask Take(string tenantId, int events)
    {
        if (events == 0)
        {
            return ValueTask.CompletedTask;
        }

        if (_cluster)
        {
            return TakeFromCluster(tenantId, events);
        }

        if (_tenants is null)
        {
            return ValueTask.CompletedTask;
        }

        using var lease = _tenants.AttemptAcquire(tenantId, events);
        if (!lease.IsAcquired)
        {
            var left = _tenants.GetStatistics(tenantId)?.CurrentAvailablePermits ?? 0;
            Refuse(tenantId, events, TokenBuckets.Wait(_bucket!, events - (int)left));
        }

        return ValueTask.CompletedTask;
    }

    public void Dispose() => _tenants?.Dispose();

    private async ValueTask TakeFromCluster(string tenantId, int events)
    {
        var slice = _slices.GetOrAdd(tenantId, static _ => new Slice());
        int held;
        long heldUntil;
        lock (slice)
        {
            heldUntil = slice.ExpiresAt;
            held = heldUntil > _time.GetTimestamp() ? slice.Tokens : 0;
            if (held >= events)
            {
                slice.Tokens -= events;
                return;
            }

            // Taken out while the grain is asked, so that a concurrent batch does not spend them too.
            slice.Tokens = 0;
        }

        var needed = events - held;
        BudgetGrant grant;
        try
        {
            grant = await _grains.GetGrain<IEventBudgetGrain>(tenantId)
                .Take(Math.Max(needed, _slice), needed, _perSecond, _burst);
        }
        catch (Exception ex) when (IngestFailures.IsUnavailable(ex))
        {
            Keep(slice, held, heldUntil);
            throw IngestFailures.ToRpc(ex, tenantId);
        }

        if (grant.Granted == 0)
        {
            Keep(slice, held, heldUntil);
            Refuse(tenantId, events, grant.Wait);
        }

        Keep(slice, grant.Granted - needed, SliceEnd());
    }

    /// <summary>When a slice taken now expires, in <see cref="TimeProvider"/> timestamps.</summary>
    private long SliceEnd() => _time.GetTimestamp() + (long)(SliceLifetime.TotalSeconds * _time.TimestampFrequency);

    /// <summary>Puts unspent tokens back into the host's slice, to be spent until the slice expires.</summary>
    private static void Keep(Slice slice, int tokens, long until)
    {
        if (tokens <= 0)
        {
            return;
        }

        lock (slice)
        {
            slice.Tokens += tokens;
            slice.ExpiresAt = Math.Max(slice.ExpiresAt, until);
        }
    }

    private void Refuse(string tenantId, int events, TimeSpan wait)
    {
        _logger.LogDebugEventsThrottled(tenantId, events, Throttled.Milliseconds(wait));
        throw Throttled.Exception(
            $"Too many events: tenant '{tenantId}' may send {_limit}; this batch of {events} was not taken", wait);
    }

    /// <summary>Tokens this host took from the cluster's bucket and has not spent yet.</summary>
    private sealed class Slice
    {
        public int Tokens { get; set; }

        /// <summary>When they may no longer be spent, in <see cref="TimeProvider"/> timestamps.</summary>
        public long ExpiresAt { get; set; }
    }
}
