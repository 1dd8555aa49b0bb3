namespace Balancer.Capacity.Tests;

public sealed class BacklogDrainTests
{
    [Fact]
    public void AgentsFor_BacklogAndArrivalsInFourHours_CountsWholeAgents()
    {
        // 60 waiting plus 20 an hour for 4 hours is 140; one agent closes 3 an hour, 12 in 4 hours.
        Assert.Equal(12, BacklogDrain.AgentsFor(60, 20, 3, TimeSpan.FromHours(4)));
    }

    [Fact]
    public void AgentsFor_ExactFit_NeedsNoExtraAgent()
    {
        Assert.Equal(10, BacklogDrain.AgentsFor(40, 0, 1, TimeSpan.FromHours(4)));
    }

    [Fact]
    public void AgentsFor_NothingToDo_IsZero()
    {
        Assert.Equal(0, BacklogDrain.AgentsFor(0, 0, 3, TimeSpan.FromHours(8)));
    }

    [Fact]
    public void TimeToClear_SurplusCapacity_DrainsBacklogAtTheSurplus()
    {
        // Four agents close 12 an hour against 8 arriving: 4 an hour of surplus clear 10 in 2.5 h.
        Assert.Equal(TimeSpan.FromHours(2.5), BacklogDrain.TimeToClear(10, 8, 3, 4));
    }

    [Fact]
    public void TimeToClear_NoSurplus_IsNull()
    {
        Assert.Null(BacklogDrain.TimeToClear(10, 12, 3, 4));
    }
}
