using Microsoft.Extensions.Time.Testing;

namespace Balancer.Capacity.Tests;

public sealed class RollingSamplesTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    private static readonly TimeSpan OneHour = TimeSpan.FromHours(1);

    private readonly FakeTimeProvider _time = new(Start);

    private static double?[] Read(
        RollingSamples samples, DateTimeOffset now, TimeSpan window, params double[] quantiles)
    {
        var results = new double?[quantiles.Length];
        samples.Percentiles(now, window, quantiles, results);
        return results;
    }

    [Fact]
    public void RollingSamples_OneToTenUnsorted_P50IsFiveAndP90IsNine()
    {
        var samples = new RollingSamples(16);
        foreach (var value in new double[] { 7, 3, 10, 1, 9, 5, 2, 8, 4, 6 })
        {
            samples.Add(_time.GetUtcNow(), value);
        }

        var results = Read(samples, _time.GetUtcNow(), OneHour, 0.5, 0.9);

        Assert.Equal([5, 9], results);
    }

    [Fact]
    public void RollingSamples_QuantilesInAnyOrder_ResultsFollowThatOrder()
    {
        var samples = new RollingSamples(16);
        for (var value = 1; value <= 10; value++)
        {
            samples.Add(_time.GetUtcNow(), value);
        }

        var results = Read(samples, _time.GetUtcNow(), OneHour, 0.9, 0.1);

        Assert.Equal([9, 1], results);
    }

    [Fact]
    public void RollingSamples_NoSamples_AreNull()
    {
        var samples = new RollingSamples(4);

        var results = Read(samples, _time.GetUtcNow(), OneHour, 0.5, 0.9);

        Assert.Equal([null, null], results);
    }

    [Fact]
    public void RollingSamples_SampleOneTickInsideWindow_IsIncluded()
    {
        var samples = new RollingSamples(4);
        samples.Add(_time.GetUtcNow(), 7);

        _time.Advance(OneHour - TimeSpan.FromTicks(1));

        Assert.Equal([7], Read(samples, _time.GetUtcNow(), OneHour, 0.5));
    }

    [Fact]
    public void RollingSamples_SampleExactlyWindowOld_IsExcluded()
    {
        var samples = new RollingSamples(4);
        samples.Add(_time.GetUtcNow(), 7);

        _time.Advance(OneHour);

        Assert.Equal([null], Read(samples, _time.GetUtcNow(), OneHour, 0.5));
    }

    [Fact]
    public void RollingSamples_OlderSampleOutsideWindow_DoesNotAffectPercentile()
    {
        var samples = new RollingSamples(8);
        samples.Add(_time.GetUtcNow(), 100);
        _time.Advance(TimeSpan.FromMinutes(30));
        samples.Add(_time.GetUtcNow(), 1);
        samples.Add(_time.GetUtcNow(), 2);
        samples.Add(_time.GetUtcNow(), 3);

        _time.Advance(TimeSpan.FromMinutes(30));

        Assert.Equal([3], Read(samples, _time.GetUtcNow(), OneHour, 1.0));
    }

    [Fact]
    public void RollingSamples_SampleStampedAfterNow_IsExcluded()
    {
        var samples = new RollingSamples(4);
        samples.Add(Start + TimeSpan.FromMinutes(10), 7);

        var results = Read(samples, Start + TimeSpan.FromMinutes(5), OneHour, 0.5);

        Assert.Equal([null], results);
    }

    [Fact]
    public void RollingSamples_MoreSamplesThanCapacity_EvictsOldest()
    {
        var samples = new RollingSamples(3);
        samples.Add(_time.GetUtcNow(), 1);
        samples.Add(_time.GetUtcNow(), 100);
        samples.Add(_time.GetUtcNow(), 200);

        samples.Add(_time.GetUtcNow(), 300);

        Assert.Equal([100, 200], Read(samples, _time.GetUtcNow(), OneHour, 0.01, 0.5));
    }

    [Fact]
    public void RollingSamples_AfterWrapAround_StillFiltersByWindow()
    {
        var samples = new RollingSamples(3);
        samples.Add(Start, 1);
        samples.Add(Start + TimeSpan.FromMinutes(10), 2);
        samples.Add(Start + TimeSpan.FromMinutes(20), 3);
        samples.Add(Start + TimeSpan.FromMinutes(30), 4);

        var results = Read(samples, Start + TimeSpan.FromMinutes(75), OneHour, 0.01, 1.0);

        Assert.Equal([3, 4], results);
    }

    [Fact]
    public void RollingSamples_CapacityBelowOne_Throws()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new RollingSamples(0));

        Assert.Equal("capacity", error.ParamName);
    }
}
