using System.Threading.RateLimiting;

namespace Balancer.Api.Limits;

/// <summary>
/// The token buckets of the limits. A partitioned limiter refills its buckets from one timer of its own, every
/// 100 ms, by one period's tokens at a time: so the period is a second, or for a rate under one a second the time
/// one token takes, and a late tick costs at most a tenth of the rate, never adds to it.
/// </summary>
internal static class TokenBuckets
{
    public static TokenBucketRateLimiterOptions Of(double perSecond, int size)
    {
        var perPeriod = Math.Max(1, (int)Math.Round(perSecond));
        return new TokenBucketRateLimiterOptions
        {
            TokenLimit = size,
            TokensPerPeriod = perPeriod,
            ReplenishmentPeriod = TimeSpan.FromSeconds(perPeriod / perSecond),
            QueueLimit = 0,
            AutoReplenishment = false,
        };
    }

    /// <summary>How long until <paramref name="missing"/> more tokens have come back, at the longest.</summary>
    public static TimeSpan Wait(TokenBucketRateLimiterOptions bucket, int missing) =>
        bucket.ReplenishmentPeriod * Math.Ceiling((double)Math.Max(1, missing) / bucket.TokensPerPeriod);
}
