namespace Balancer.Simulation.Tests;

public sealed class EventLoopTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void EventLoop_SameInstant_RunsActionsInTheOrderScheduled()
    {
        var loop = new EventLoop(Start);
        var order = new List<string>();
        loop.At(Start.AddMinutes(5), () => order.Add("b"));
        loop.At(Start.AddMinutes(1), () => order.Add("a"));
        loop.At(Start.AddMinutes(5), () => order.Add("c"));
        loop.At(Start.AddMinutes(5), () => loop.After(TimeSpan.Zero, () => order.Add("d")));

        loop.RunUntil(Start.AddHours(1));

        Assert.Equal(["a", "b", "c", "d"], order);
        Assert.Equal(4 + 1, loop.Executed);
    }

    [Fact]
    public void EventLoop_RunUntil_RunsWhatIsDueThenMovesTimeToTheEnd()
    {
        var loop = new EventLoop(Start);
        var seen = new List<DateTimeOffset>();
        loop.At(Start.AddHours(1), () => seen.Add(loop.Now));
        loop.At(Start.AddHours(3), () => seen.Add(loop.Now));

        loop.RunUntil(Start.AddHours(2));

        Assert.Equal([Start.AddHours(1)], seen);
        Assert.Equal(Start.AddHours(2), loop.Now);
        Assert.Equal(1, loop.Pending);
    }

    [Fact]
    public void EventLoop_ScheduleInThePast_Throws()
    {
        var loop = new EventLoop(Start);
        loop.RunUntil(Start.AddHours(1));

        Assert.Throws<ArgumentOutOfRangeException>(() => loop.At(Start, () => { }));
    }

    [Fact]
    public void EventLoop_Every_RepeatsUntilTheActionSaysStop()
    {
        var loop = new EventLoop(Start);
        var ticks = new List<DateTimeOffset>();
        loop.Every(Start.AddMinutes(10), TimeSpan.FromMinutes(15), () =>
        {
            ticks.Add(loop.Now);
            return ticks.Count < 3;
        });

        loop.RunUntil(Start.AddDays(1));

        Assert.Equal([Start.AddMinutes(10), Start.AddMinutes(25), Start.AddMinutes(40)], ticks);
        Assert.Equal(0, loop.Pending);
    }

    [Fact]
    public void EventLoop_Stop_EndsTheRunAtTheActionThatCalledIt()
    {
        var loop = new EventLoop(Start);
        loop.At(Start.AddMinutes(1), loop.Stop);
        loop.At(Start.AddMinutes(2), () => { });

        loop.RunUntil(Start.AddHours(1));

        Assert.Equal((Start.AddMinutes(1), 1), (loop.Now, loop.Pending));
    }
}
