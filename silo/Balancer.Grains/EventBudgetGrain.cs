using Balancer.Contracts.Grains;

namespace Balancer.Grains;

/// <summary>
/// A tenant's events a second across the cluster, as a token bucket on the silo's own clock, refilled as the api
/// hosts' own buckets are: by one period's tokens at a time, where a period is a second, or for a rate under one a
/// second the time one token takes. So the wait it gives is whole periods, the longest it can be. It lives in
/// memory only: a new activation starts full, as a host's own bucket does when the host starts.
/// </summary>
public sealed class EventBudgetGrain(LimitsClock clock) : Grain, IEventBudgetGrain
{
    private readonly TimeProvider _time = clock.Time;
    private long _tokens = -1;
    private long _mark;

    public Task<BudgetGrant> Take(int wanted, int atLeast, double perSecond, int burst)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(atLeast, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(wanted, atLeast);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(perSecond);
        ArgumentOutOfRangeException.ThrowIfLessThan(burst, atLeast);

        var perPeriod = Math.Max(1, (long)Math.Round(perSecond));
        var period = TimeSpan.FromSeconds(perPeriod / perSecond);
        var now = _time.GetTimestamp();
        if (_tokens < 0)
        {
            (_tokens, _mark) = (burst, now);
        }
        else
        {
            var periods = (long)(_time.GetElapsedTime(_mark, now) / period);
            _tokens = Math.Min(burst, _tokens + periods * perPeriod);
            _mark += (long)(periods * period.TotalSeconds * _time.TimestampFrequency);
        }

        if (_tokens < atLeast)
        {
            var missing = atLeast - _tokens;
            return Task.FromResult(new BudgetGrant(0, period * Math.Ceiling((double)missing / perPeriod)));
        }

        var granted = (int)Math.Min(wanted, _tokens);
        _tokens -= granted;
        return Task.FromResult(new BudgetGrant(granted, TimeSpan.Zero));
    }
}
