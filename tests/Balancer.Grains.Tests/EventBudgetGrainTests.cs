using Balancer.Contracts.Grains;

namespace Balancer.Grains.Tests;

/// <summary>
/// A tenant's bucket for the cluster, on the silo's real clock. The rates are chosen so that no token comes back
/// while a test runs: one event per 1,000 s, or a bucket whose next period is a second away.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class EventBudgetGrainTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Take_FromAFullBucket_GrantsWhatItHoldsThenTheWaitInWholePeriods()
    {
        var budget = fixture.Client.GetGrain<IEventBudgetGrain>(Ids.Tenant("budget"));

        var first = await budget.Take(600, 600, 0.001, 1000).WaitAsync(Limits.Call);
        var short600 = await budget.Take(600, 600, 0.001, 1000).WaitAsync(Limits.Call);
        var rest = await budget.Take(1000, 300, 0.001, 1000).WaitAsync(Limits.Call);
        var empty = await budget.Take(1, 1, 0.001, 1000).WaitAsync(Limits.Call);

        Assert.Equal(new BudgetGrant(600, TimeSpan.Zero), first);
        // 400 held, 600 asked: 200 tokens missing, one a period of 1,000 s.
        Assert.Equal(new BudgetGrant(0, TimeSpan.FromSeconds(200_000)), short600);
        Assert.Equal(new BudgetGrant(400, TimeSpan.Zero), rest);
        Assert.Equal(new BudgetGrant(0, TimeSpan.FromSeconds(1000)), empty);
    }

    [Fact]
    public async Task Take_RateOfAThousandASecond_RefillsAThousandAPeriodOfOneSecond()
    {
        var budget = fixture.Client.GetGrain<IEventBudgetGrain>(Ids.Tenant("budget-fast"));

        var all = await budget.Take(2000, 2000, 1000, 2000).WaitAsync(Limits.Call);
        var oneMore = await budget.Take(1, 1, 1000, 2000).WaitAsync(Limits.Call);
        var twoPeriods = await budget.Take(1001, 1001, 1000, 2000).WaitAsync(Limits.Call);

        Assert.Equal(new BudgetGrant(2000, TimeSpan.Zero), all);
        Assert.Equal(new BudgetGrant(0, TimeSpan.FromSeconds(1)), oneMore);
        Assert.Equal(new BudgetGrant(0, TimeSpan.FromSeconds(2)), twoPeriods);
    }

    [Fact]
    public async Task Take_ABucketOfOtherTenants_Apart()
    {
        var (a, b) = (Ids.Tenant("budget-a"), Ids.Tenant("budget-b"));

        await fixture.Client.GetGrain<IEventBudgetGrain>(a).Take(1000, 1000, 0.001, 1000).WaitAsync(Limits.Call);
        var other = await fixture.Client.GetGrain<IEventBudgetGrain>(b).Take(1000, 1000, 0.001, 1000)
            .WaitAsync(Limits.Call);

        Assert.Equal(new BudgetGrant(1000, TimeSpan.Zero), other);
    }

    [Theory]
    [InlineData(10, 0, 1.0, 100, "atLeast")]
    [InlineData(5, 10, 1.0, 100, "wanted")]
    [InlineData(10, 10, 0.0, 100, "perSecond")]
    [InlineData(10, 10, 1.0, 5, "burst")]
    public async Task Take_ArgumentsOutOfRange_RefusedNamingTheParameter(
        int wanted, int atLeast, double perSecond, int burst, string parameter)
    {
        var budget = fixture.Client.GetGrain<IEventBudgetGrain>(Ids.Tenant("budget-bad"));

        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(
            () => budget.Take(wanted, atLeast, perSecond, burst).WaitAsync(Limits.Call));

        // The parameter's name travels in the message; Orleans does not carry ParamName across.
        Assert.Contains($"(Parameter '{parameter}')", error.Message, StringComparison.Ordinal);
    }
}
