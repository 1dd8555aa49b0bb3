namespace Balancer.Capacity.Tests;

public sealed class RecentIdsTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 3, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Add_SameIdTwiceWithinWindow_SecondIsRefused()
    {
        var ids = new RecentIds(TimeSpan.FromMinutes(10), 100);

        Assert.True(ids.Add(7, Start));
        Assert.False(ids.Add(7, Start.AddMinutes(9)));
        Assert.Equal(1, ids.Count);
    }

    [Fact]
    public void Add_SameIdAfterWindow_IsNewAgain()
    {
        var ids = new RecentIds(TimeSpan.FromMinutes(10), 100);
        ids.Add(7, Start);
        ids.Add(8, Start.AddMinutes(5));

        Assert.True(ids.Add(7, Start.AddMinutes(10)));
        Assert.False(ids.Add(8, Start.AddMinutes(10)));
        Assert.Equal(2, ids.Count);
    }

    [Fact]
    public void Add_PastCapacity_ForgetsTheOldestAndCountsIt()
    {
        var ids = new RecentIds(TimeSpan.FromHours(1), 3);
        for (ulong id = 1; id <= 5; id++)
        {
            ids.Add(id, Start);
        }

        Assert.Equal(3, ids.Count);
        Assert.Equal(2, ids.Evicted);
        Assert.False(ids.Contains(1));
        Assert.False(ids.Contains(2));
        Assert.True(ids.Contains(3));
        Assert.True(ids.Add(1, Start));
    }

    [Fact]
    public void Remove_ForgetsTheIdAtOnce()
    {
        var ids = new RecentIds(TimeSpan.FromMinutes(10), 100);
        ids.Add(7, Start);

        ids.Remove(7);

        Assert.True(ids.Add(7, Start.AddSeconds(1)));
    }

    [Fact]
    public void New_NonPositiveWindowOrCapacity_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RecentIds(TimeSpan.Zero, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RecentIds(TimeSpan.FromSeconds(1), 0));
    }

    [Fact]
    public void EventIdHash_SameIdInAnyRun_SameFingerprint()
    {
        // XXH3-64 of "abc", as the reference implementation gives it.
        Assert.Equal(0x78AF5F94892F3950UL, EventIdHash.Of("abc"));
        Assert.NotEqual(EventIdHash.Of("e-1"), EventIdHash.Of("e-2"));
    }
}
