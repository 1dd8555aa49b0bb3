using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Balancer.Api.Access;
using Balancer.Api.Hosting;
using Grpc.Core;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Balancer.Api.Limits;

/// <summary>
/// Each caller's calls a second on this host (<see cref="LimitsOptions.CallsPerSecond"/>), as a policy of ASP.NET
/// Core's rate limiting middleware: a token bucket per tenant, one for the bootstrap key, and one for callers
/// without a credential. The middleware counts a request once, when it arrives, so a stream is one call however
/// long it lasts. A call over the limit is answered before its handler runs, with RESOURCE_EXHAUSTED and the wait.
/// </summary>
public sealed class CallLimiter : IRateLimiterPolicy<CallLimiter.Caller>
{
    public const string Policy = "balancer-calls";

    private readonly TokenBucketRateLimiterOptions? _bucket;
    private readonly Func<Caller, TokenBucketRateLimiterOptions> _bucketOf;
    private readonly string _limit = "";
    private readonly ILogger<CallLimiter> _logger;

    public CallLimiter(IOptions<LimitsOptions> limits, ILogger<CallLimiter> logger)
    {
        _logger = logger;
        var options = limits.Value;
        if (options.CallsPerSecond > 0)
        {
            _bucket = TokenBuckets.Of(options.CallsPerSecond, options.CallBucket);
            _limit = $"{LimitsOptions.Format(options.CallsPerSecond)} calls a second to this api host, " +
                $"{options.CallBucket} at once";
        }

        _bucketOf = _ => _bucket!;
        OnRejected = Reject;
    }

    /// <summary>Whose bucket a call takes from: a tenant's, the bootstrap key's, or that of the anonymous.</summary>
    public enum CallerKind
    {
        Anonymous,
        Operator,
        Tenant,
    }

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected { get; }

    public RateLimitPartition<Caller> GetPartition(HttpContext httpContext) =>
        _bucket is null
            ? RateLimitPartition.GetNoLimiter(default(Caller))
            : RateLimitPartition.GetTokenBucketLimiter(Caller.Of(httpContext.User), _bucketOf);

    private async ValueTask Reject(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after)
            ? after
            : _bucket!.ReplenishmentPeriod;
        var ms = Throttled.Milliseconds(wait);
        var http = rejected.HttpContext;
        var caller = Caller.Of(http.User);
        _logger.LogDebugCallsThrottled(http.Request.Path, caller.ToString(), ms);
        var message = Throttled.Message($"Too many calls: {caller} may make {_limit}", ms);
        if (TrailersOnly.IsGrpc(http.Request))
        {
            await TrailersOnly.Write(
                http, StatusCode.ResourceExhausted, message,
                (Throttled.PushbackTrailer, ms.ToString(CultureInfo.InvariantCulture)));
            return;
        }

        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = Math.Ceiling(wait.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        await http.Response.WriteAsync(message, cancellationToken);
    }

    /// <summary>The key of a caller's bucket.</summary>
    public readonly record struct Caller(CallerKind Kind, string? TenantId)
    {
        public static Caller Of(ClaimsPrincipal user) =>
            Callers.TenantOf(user) is { } tenant ? new Caller(CallerKind.Tenant, tenant)
            : user.IsInRole(Callers.Operator) ? new Caller(CallerKind.Operator, null)
            : new Caller(CallerKind.Anonymous, null);

        public override string ToString() => Kind switch
        {
            CallerKind.Tenant => $"tenant '{TenantId}'",
            CallerKind.Operator => "the bootstrap key",
            _ => "a caller without a credential",
        };
    }
}
