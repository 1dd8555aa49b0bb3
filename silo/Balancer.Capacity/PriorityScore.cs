namespace Balancer.Capacity;

/// <summary>
/// Orders waiting conversations: the higher the score, the sooner a human should take it.
/// </summary>
/// <remarks>
/// The score is <c>DeadlineWeight × urgency + ValueWeight × value + WaitWeight × wait</c>, each part
/// from 0 to 1: urgency is <c>1 − timeLeft / DeadlineHorizon</c> clamped (1 at and past the deadline),
/// value is <c>ltv / (ltv + ValueHalf)</c> (0 for a value of 0 or less), wait is
/// <c>waited / WaitHorizon</c> clamped. With the default weights the score runs from 0 to 1.
/// </remarks>
public sealed class PriorityScore(PriorityOptions options)
{
    public double Score(DateTimeOffset deadline, decimal lifetimeValue, DateTimeOffset arrived, DateTimeOffset now)
    {
        var urgency = Math.Clamp(1 - ((deadline - now) / options.DeadlineHorizon), 0, 1);
        var value = lifetimeValue <= 0 ? 0 : (double)(lifetimeValue / (lifetimeValue + options.ValueHalf));
        var wait = Math.Clamp((now - arrived) / options.WaitHorizon, 0, 1);
        return (options.DeadlineWeight * urgency) + (options.ValueWeight * value) + (options.WaitWeight * wait);
    }
}
