namespace Balancer.Capacity.Tests;

public sealed class HumanCapacityTests
{
    private static readonly TimeSpan Default = TimeSpan.FromMinutes(10);

    [Fact]
    public void MinutesPerHour_OnlineAgents_SlotsTimesSixtyBoundedByCeiling()
    {
        var agents = new[]
        {
            new AgentCapacity(true, 3, 100, TimeSpan.FromMinutes(6)), // 180 slot-minutes
            new AgentCapacity(true, 2, 4, TimeSpan.FromMinutes(15)), // ceiling: 4 x 15 = 60 of its 120
            new AgentCapacity(true, 1, 0, null), // at the ceiling: nothing
            new AgentCapacity(false, 5, 50, null), // offline: nothing
        };

        Assert.Equal(240, HumanCapacity.MinutesPerHour(agents, Default));
    }

    [Fact]
    public void MinutesPerHour_UnmeasuredAgent_UsesDefaultHandleTime()
    {
        Assert.Equal(30, HumanCapacity.MinutesPerHour([new AgentCapacity(true, 2, 3, null)], Default));
    }

    [Fact]
    public void TeamHandleTime_WeightsBySlots()
    {
        var agents = new[]
        {
            new AgentCapacity(true, 3, 10, TimeSpan.FromMinutes(4)),
            new AgentCapacity(false, 1, 10, null), // 10 by default
        };

        Assert.Equal(TimeSpan.FromMinutes(5.5), HumanCapacity.TeamHandleTime(agents, Default)); // (12 + 10) / 4
        Assert.Equal(Default, HumanCapacity.TeamHandleTime([], Default));
    }

    [Fact]
    public void SpareMinutesPerHour_LessUngovernedArrivalsAndBacklogOverWindows()
    {
        var spare = HumanCapacity.SpareMinutesPerHour(
            600, 10, [new QueueBacklog(6, TimeSpan.FromHours(1)), new QueueBacklog(16, TimeSpan.FromHours(8))],
            TimeSpan.FromMinutes(10));

        // 600 - 10 x 10 - (6 x 10 / 1 + 16 x 10 / 8) = 600 - 100 - 80
        Assert.Equal(420, spare);
    }

    [Fact]
    public void SpareMinutesPerHour_ShortWindowBacklog_CountsWithinTheHourAndNeverBelowZero()
    {
        // A chat queue with a 2-minute window: its backlog must be cleared now, counted as one hour's.
        Assert.Equal(
            0, HumanCapacity.SpareMinutesPerHour(60, 0, [new QueueBacklog(7, TimeSpan.FromMinutes(2))], Default));
    }

    [Fact]
    public void MinutesPerSend_ReplyRateTimesHumanShareTimesHandle()
    {
        Assert.Equal(0.9, HumanCapacity.MinutesPerSend(0.15, 0.5, TimeSpan.FromMinutes(12)), 12);
        Assert.Equal(0, HumanCapacity.MinutesPerSend(null, 0.5, Default));
    }
}
