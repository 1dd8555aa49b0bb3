namespace Balancer.Grains;

/// <summary>
/// The time the grains judge deadlines and windows by. Separate from the <see cref="TimeProvider"/>
/// Orleans itself uses, so tests can move Balancer's time without moving the runtime's.
/// </summary>
public sealed class BalancerClock(TimeProvider time)
{
    public static readonly BalancerClock System = new(TimeProvider.System);

    public TimeProvider Time { get; } = time;

    public DateTimeOffset Now => Time.GetUtcNow();
}
