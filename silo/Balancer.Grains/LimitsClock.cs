namespace Balancer.Grains;

/// <summary>
/// The time the rate limits refill by: real time, apart from <see cref="BalancerClock"/>, whose time the tests
/// move to judge deadlines, and from the <see cref="TimeProvider"/> Orleans runs on. So tests can stop the
/// limits' time to check their arithmetic exactly, without stopping the runtime's.
/// </summary>
public sealed class LimitsClock(TimeProvider time)
{
    public static readonly LimitsClock System = new(TimeProvider.System);

    public TimeProvider Time { get; } = time;
}
