namespace Balancer.Capacity.Tests;

public sealed class AdmissionBudgetTests
{
    [Fact]
    public void Allot_SpareBeyondDemand_SharesTheRestAmongThoseSending()
    {
        var budgets = AdmissionBudget.Allot(100,
        [
            new SequenceLoad("a", 40, 0.5, Grade.Normal, 1), // spends 20 an hour
            new SequenceLoad("b", 0, 0.0, Grade.Normal, 1), // new: spends nothing yet
            new SequenceLoad("c", 10, 1.0, Grade.Hold, 1), // held: nothing
        ]);

        // a gets its 20; the 80 left is split between a and b, the two that may send.
        Assert.Equal(
            [new SequenceBudget("a", 0.5, 60), new SequenceBudget("b", 0.0, 40), new SequenceBudget("c", 1.0, 0)],
            budgets);
    }

    [Fact]
    public void Allot_DemandBeyondSpare_ProportionalAndNothingLeftToShare()
    {
        var budgets = AdmissionBudget.Allot(30,
        [
            new SequenceLoad("a", 40, 1.0, Grade.Normal, 1), // 40 an hour
            new SequenceLoad("b", 20, 1.0, Grade.Normal, 1), // 20 an hour
        ]);

        Assert.Equal([20.0, 10.0], budgets.Select(b => b.MinutesPerHour));
    }

    [Fact]
    public void Allot_NoSpare_GivesNothing()
    {
        var budgets = AdmissionBudget.Allot(0, [new SequenceLoad("a", 40, 1.0, Grade.Normal, 1)]);

        Assert.Equal([new SequenceBudget("a", 1.0, 0)], budgets);
    }
}
