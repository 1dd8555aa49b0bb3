using Microsoft.Extensions.Time.Testing;

namespace Balancer.Capacity.Tests;

public sealed class RollingCounterTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(Start);

    private static RollingCounter FifteenMinutes() => new(TimeSpan.FromMinutes(15), 15);

    [Theory]
    [InlineData(15, 15)]
    [InlineData(60, 12)]
    [InlineData(1440, 24)]
    public void RollingCounter_OneTickBeforeWindowEnds_StillCountsEvent(int windowMinutes, int buckets)
    {
        var window = TimeSpan.FromMinutes(windowMinutes);
        var counter = new RollingCounter(window, buckets);
        counter.Add(Start);

        _time.Advance(window - TimeSpan.FromTicks(1));

        Assert.Equal(1, counter.Sum(_time.GetUtcNow()));
    }

    [Theory]
    [InlineData(15, 15)]
    [InlineData(60, 12)]
    [InlineData(1440, 24)]
    public void RollingCounter_WindowEnds_EventSlidesOutExactlyAtBoundary(int windowMinutes, int buckets)
    {
        var window = TimeSpan.FromMinutes(windowMinutes);
        var counter = new RollingCounter(window, buckets);
        counter.Add(Start);

        _time.Advance(window);

        Assert.Equal(0, counter.Sum(_time.GetUtcNow()));
    }

    [Theory]
    [InlineData(15, 15, 59)]
    [InlineData(60, 12, 299)]
    [InlineData(1440, 24, 3599)]
    public void RollingCounter_EventLateInBucket_SlidesOutWithItsBucket(int windowMinutes, int buckets, int seconds)
    {
        var window = TimeSpan.FromMinutes(windowMinutes);
        var counter = new RollingCounter(window, buckets);
        counter.Add(Start + TimeSpan.FromSeconds(seconds));
        var beforeBoundary = counter.Sum(Start + window - TimeSpan.FromTicks(1));

        var atBoundary = counter.Sum(Start + window);

        Assert.Equal(1, beforeBoundary);
        Assert.Equal(0, atBoundary);
    }

    [Fact]
    public void RollingCounter_OutOfOrderAddWithinWindow_IsCounted()
    {
        var counter = FifteenMinutes();
        _time.Advance(TimeSpan.FromMinutes(10));
        counter.Add(_time.GetUtcNow());

        counter.Add(Start + TimeSpan.FromMinutes(1));

        Assert.Equal(2, counter.Sum(_time.GetUtcNow()));
    }

    [Fact]
    public void RollingCounter_OutOfOrderAdd_SlidesOutAtItsOwnBucket()
    {
        var counter = FifteenMinutes();
        _time.Advance(TimeSpan.FromMinutes(10));
        counter.Add(_time.GetUtcNow());
        counter.Add(Start + TimeSpan.FromMinutes(1));

        _time.Advance(TimeSpan.FromMinutes(6));

        Assert.Equal(1, counter.Sum(_time.GetUtcNow()));
    }

    [Fact]
    public void RollingCounter_EventOlderThanWindow_IsNotCounted()
    {
        var counter = FifteenMinutes();
        _time.Advance(TimeSpan.FromMinutes(20));
        counter.Add(_time.GetUtcNow());

        counter.Add(Start + TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(59));

        Assert.Equal(1, counter.Sum(_time.GetUtcNow()));
    }

    [Fact]
    public void RollingCounter_EventInOldestBucketOfWindow_IsCounted()
    {
        var counter = FifteenMinutes();
        _time.Advance(TimeSpan.FromMinutes(20));
        counter.Add(_time.GetUtcNow());

        counter.Add(Start + TimeSpan.FromMinutes(6));

        Assert.Equal(2, counter.Sum(_time.GetUtcNow()));
    }

    [Fact]
    public void RollingCounter_NegativeCount_RevokesEarlierCount()
    {
        var counter = FifteenMinutes();
        counter.Add(Start, 3);

        counter.Add(Start, -1);

        Assert.Equal(2, counter.Sum(Start));
    }

    [Fact]
    public void RollingCounter_NegativeCountAlone_GivesNegativeTotal()
    {
        var counter = FifteenMinutes();

        counter.Add(Start, -2);

        Assert.Equal(-2, counter.Sum(Start));
    }

    [Fact]
    public void RollingCounter_RevocationOlderThanWindow_IsIgnored()
    {
        var counter = FifteenMinutes();
        counter.Add(Start);
        _time.Advance(TimeSpan.FromMinutes(20));
        counter.Add(_time.GetUtcNow());

        counter.Add(Start, -1);

        Assert.Equal(1, counter.Sum(_time.GetUtcNow()));
    }

    [Fact]
    public void RollingCounter_PartialSlide_KeepsNewerBuckets()
    {
        var counter = FifteenMinutes();
        counter.Add(Start, 1);
        counter.Add(Start + TimeSpan.FromMinutes(5), 2);
        counter.Add(Start + TimeSpan.FromMinutes(10), 4);

        var at15 = counter.Sum(Start + TimeSpan.FromMinutes(15));
        var at20 = counter.Sum(Start + TimeSpan.FromMinutes(20));
        var at25 = counter.Sum(Start + TimeSpan.FromMinutes(25));

        Assert.Equal(6, at15);
        Assert.Equal(4, at20);
        Assert.Equal(0, at25);
    }

    [Fact]
    public void RollingCounter_GapLongerThanWindow_LeavesNoResidue()
    {
        var counter = FifteenMinutes();
        counter.Add(Start, 5);
        _time.Advance(TimeSpan.FromHours(2) + TimeSpan.FromMinutes(3));
        var afterGap = counter.Sum(_time.GetUtcNow());

        counter.Add(_time.GetUtcNow());

        Assert.Equal(0, afterGap);
        Assert.Equal(1, counter.Sum(_time.GetUtcNow()));
    }

    [Fact]
    public void RollingCounter_SumBeforeAnyAdd_IsZeroAndLaterAddsCount()
    {
        var counter = FifteenMinutes();
        var empty = counter.Sum(Start);

        counter.Add(Start - TimeSpan.FromMinutes(10));

        Assert.Equal(0, empty);
        Assert.Equal(1, counter.Sum(Start));
    }

    [Fact]
    public void RollingCounter_BucketCountBelowOne_Throws()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new RollingCounter(TimeSpan.FromMinutes(1), 0));

        Assert.Equal("bucketCount", error.ParamName);
    }

    [Fact]
    public void RollingCounter_WindowShorterThanBucketCountInTicks_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RollingCounter(TimeSpan.FromTicks(5), 10));
    }
}
