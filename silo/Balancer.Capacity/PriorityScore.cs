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
    private readonly PriorityOptions _options = options;

    public double Score(DateTimeOffset deadline, decimal lifetimeValue, DateTimeOffset arrived, DateTimeOffset now)
    {
        throw new NotImplementedException();
    }
}
