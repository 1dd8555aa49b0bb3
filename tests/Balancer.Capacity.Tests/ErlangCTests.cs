namespace Balancer.Capacity.Tests;

public sealed class ErlangCTests
{
    private static readonly TimeSpan HandleTime = TimeSpan.FromSeconds(240);
    private static readonly TimeSpan Target = TimeSpan.FromSeconds(20);

    [Theory]
    [InlineData(54, 0.8172)]
    [InlineData(53, 0.7518)]
    public void ServiceLevel_FortyEightErlangs_MatchesTheReferenceValues(int agents, double expected)
    {
        var level = ErlangC.ServiceLevel(agents, 48, HandleTime, Target);

        Assert.Equal(expected, level, 4);
    }

    [Fact]
    public void WaitProbability_FortyEightErlangsOnFiftyFour_IsThirtyPerCent()
    {
        Assert.Equal(0.3013, ErlangC.WaitProbability(54, 48), 4);
    }

    [Fact]
    public void WaitProbability_AgentsNoMoreThanTheLoad_IsCertain()
    {
        Assert.Equal(1.0, ErlangC.WaitProbability(48, 48));
        Assert.Equal(0.0, ErlangC.ServiceLevel(40, 48, HandleTime, Target));
        Assert.Null(ErlangC.AverageWait(40, 48, HandleTime));
    }

    [Fact]
    public void WaitProbability_NoLoad_IsZero()
    {
        Assert.Equal(0.0, ErlangC.WaitProbability(3, 0));
    }

    [Theory]
    [InlineData(0.80, 54)]
    [InlineData(0.75, 53)]
    public void AgentsFor_ServiceLevelTarget_IsTheFewestThatMeetIt(double serviceLevel, int expected)
    {
        Assert.Equal(expected, ErlangC.AgentsFor(48, HandleTime, Target, serviceLevel));
    }

    [Fact]
    public void AgentsFor_BeyondTheCap_IsNull()
    {
        Assert.Null(ErlangC.AgentsFor(48, HandleTime, Target, 0.8, maxAgents: 50));
    }

    [Fact]
    public void AverageWait_FortyEightErlangsOnFiftyFour_IsTwelveSeconds()
    {
        var wait = ErlangC.AverageWait(54, 48, HandleTime)!.Value;

        Assert.Equal(0.3013 * 240 / 6, wait.TotalSeconds, 1);
    }

    [Fact]
    public void WaitProbability_HundredsOfAgents_StaysFinite()
    {
        var wait = ErlangC.WaitProbability(600, 550);

        Assert.InRange(wait, 0.0, 1.0);
        Assert.False(double.IsNaN(wait));
    }
}
