namespace Balancer.Capacity.Tests;

public sealed class ResponseOutcomeTests
{
    private static ResponseOutcome Of(ResponseKind kind) => new(kind, Attribution.None, false, TimeSpan.Zero);

    [Theory]
    [InlineData(ResponseKind.Unknown, 0)]
    [InlineData(ResponseKind.InTime, 0)]
    [InlineData(ResponseKind.Late, 0)]
    [InlineData(ResponseKind.LateBreach, 1)]
    [InlineData(ResponseKind.Revoked, -1)]
    [InlineData(ResponseKind.AlreadyAnswered, 0)]
    public void ResponseOutcome_BreachDelta_FollowsKind(ResponseKind kind, int expected)
    {
        Assert.Equal(expected, Of(kind).BreachDelta);
    }

    [Theory]
    [InlineData(ResponseKind.Unknown, false)]
    [InlineData(ResponseKind.InTime, true)]
    [InlineData(ResponseKind.Late, true)]
    [InlineData(ResponseKind.LateBreach, true)]
    [InlineData(ResponseKind.Revoked, true)]
    [InlineData(ResponseKind.AlreadyAnswered, false)]
    public void ResponseOutcome_IsFirst_FollowsKind(ResponseKind kind, bool expected)
    {
        Assert.Equal(expected, Of(kind).IsFirst);
    }
}
