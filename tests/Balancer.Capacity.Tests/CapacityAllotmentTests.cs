namespace Balancer.Capacity.Tests;

public sealed class CapacityAllotmentTests
{
    [Fact]
    public void CapacityAllotment_Plenty_GivesEachWhatItAsksAndNothingToHeldOrPaused()
    {
        var split = CapacityAllotment.Split(
            100,
            [
                new("a", 20, Grade.Normal),
                new("b", 30, Grade.Stretch, 3),
                new("c", 10, Grade.Hold, 3),
                new("d", 10, Grade.Pause, 3),
            ]);

        Assert.Equal([new("a", 20), new("b", 30), new("c", 0), new SequenceAllotment("d", 0)], split);
    }

    [Fact]
    public void CapacityAllotment_Scarce_SplitsByDemandWeightedDownForStretch()
    {
        // Weights 40 and 60 / 3 = 20: a gets 30 × 40 / 60 = 20, b 30 × 20 / 60 = 10.
        var split = CapacityAllotment.Split(30, [new("a", 40, Grade.Normal), new("b", 60, Grade.Stretch, 3)]);

        Assert.Equal([new("a", 20), new SequenceAllotment("b", 10)], split);
    }

    [Fact]
    public void CapacityAllotment_OneCapped_GivesWhatItLeavesToTheOthers()
    {
        // Weights 60 and 30: a's share 100 × 60 / 90 = 66.7 is more than its 60, so it gets 60 and
        // b the remaining 40.
        var split = CapacityAllotment.Split(100, [new("a", 60, Grade.Normal), new("b", 90, Grade.Stretch, 3)]);

        Assert.Equal([new("a", 60), new SequenceAllotment("b", 40)], split);
    }

    [Fact]
    public void CapacityAllotment_BlockedEnrolments_CountLikeNormal()
    {
        var split = CapacityAllotment.Split(10, [new("a", 10, Grade.Normal), new("b", 30, Grade.BlockEnrolments)]);

        Assert.Equal([new("a", 2.5), new SequenceAllotment("b", 7.5)], split);
    }

    [Fact]
    public void CapacityAllotment_NoSpare_GivesNothing()
    {
        var split = CapacityAllotment.Split(0, [new("a", 10, Grade.Normal)]);

        Assert.Equal([new SequenceAllotment("a", 0)], split);
    }

    [Fact]
    public void CapacityAllotment_NoDemands_IsEmpty()
    {
        Assert.Empty(CapacityAllotment.Split(50, []));
    }

    [Fact]
    public void CapacityAllotment_NegativeSpareOrDemand_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => CapacityAllotment.Split(-1, []));
        Assert.Throws<ArgumentException>(() => CapacityAllotment.Split(1, [new("a", -1, Grade.Normal)]));
    }
}
