namespace Balancer.Capacity.Tests;

public sealed class HumanWorkTests
{
    private static readonly CadenceOptions Options = new();
    private static readonly TimeSpan NewSequence = TimeSpan.FromHours(3);

    [Fact]
    public void HumanWork_NewSequence_IsChargedThePriorWhileItsRepliesAreStillToCome()
    {
        Assert.Equal(0.04, HumanWork.RepliesPerSend(2, 200, NewSequence, 0.04, 20, Options));
        Assert.Equal(0.1, HumanWork.RepliesPerSend(20, 200, NewSequence, 0.04, 20, Options));
    }

    [Fact]
    public void HumanWork_AfterADayOfSending_StandsOnItsOwnFigure()
    {
        Assert.Equal(0.01, HumanWork.RepliesPerSend(2, 200, TimeSpan.FromDays(1), 0.04, 20, Options));
    }

    [Fact]
    public void HumanWork_NoPriorAndTooFewSends_IsTheAssumedFigure()
    {
        Assert.Equal(0.05, HumanWork.RepliesPerSend(1, 10, TimeSpan.FromDays(2), null, 20, Options));
    }
}
