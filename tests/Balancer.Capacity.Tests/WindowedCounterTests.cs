using Microsoft.Extensions.Time.Testing;

namespace Balancer.Capacity.Tests;

public sealed class WindowedCounterTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    private static readonly TimeSpan OneTick = TimeSpan.FromTicks(1);

    private readonly FakeTimeProvider _time = new(Start);

    private readonly WindowedCounter _counter = new();

    [Fact]
    public void WindowedCounter_FifteenMinutesAfterEvent_DropsItFromFifteenMinuteWindowOnly()
    {
        _counter.Add(_time.GetUtcNow());
        _time.Advance(TimeSpan.FromMinutes(15) - OneTick);
        var before = _counter.Sums(_time.GetUtcNow());

        _time.Advance(OneTick);

        Assert.Equal(new Windowed<long>(1, 1, 1), before);
        Assert.Equal(new Windowed<long>(0, 1, 1), _counter.Sums(_time.GetUtcNow()));
    }

    [Fact]
    public void WindowedCounter_OneHourAfterEvent_DropsItFromHourWindow()
    {
        _counter.Add(_time.GetUtcNow());
        _time.Advance(TimeSpan.FromHours(1) - OneTick);
        var before = _counter.Sums(_time.GetUtcNow());

        _time.Advance(OneTick);

        Assert.Equal(new Windowed<long>(0, 1, 1), before);
        Assert.Equal(new Windowed<long>(0, 0, 1), _counter.Sums(_time.GetUtcNow()));
    }

    [Fact]
    public void WindowedCounter_TwentyFourHoursAfterEvent_DropsItFromDayWindow()
    {
        _counter.Add(_time.GetUtcNow());
        _time.Advance(TimeSpan.FromHours(24) - OneTick);
        var before = _counter.Sums(_time.GetUtcNow());

        _time.Advance(OneTick);

        Assert.Equal(new Windowed<long>(0, 0, 1), before);
        Assert.Equal(new Windowed<long>(0, 0, 0), _counter.Sums(_time.GetUtcNow()));
    }

    [Fact]
    public void WindowedCounter_EventLateInOneMinuteBucket_LeavesFifteenMinuteWindowWithBucket()
    {
        _counter.Add(Start + TimeSpan.FromSeconds(59));

        var sums = _counter.Sums(Start + TimeSpan.FromMinutes(15));

        Assert.Equal(new Windowed<long>(0, 1, 1), sums);
    }

    [Fact]
    public void WindowedCounter_EventLateInFiveMinuteBucket_LeavesHourWindowWithBucket()
    {
        _counter.Add(Start + TimeSpan.FromMinutes(4) + TimeSpan.FromSeconds(59));
        var before = _counter.Sums(Start + TimeSpan.FromHours(1) - OneTick);

        var after = _counter.Sums(Start + TimeSpan.FromHours(1));

        Assert.Equal(new Windowed<long>(0, 1, 1), before);
        Assert.Equal(new Windowed<long>(0, 0, 1), after);
    }

    [Fact]
    public void WindowedCounter_EventLateInHourBucket_LeavesDayWindowWithBucket()
    {
        _counter.Add(Start + TimeSpan.FromMinutes(59));
        var before = _counter.Sums(Start + TimeSpan.FromHours(24) - OneTick);

        var after = _counter.Sums(Start + TimeSpan.FromHours(24));

        Assert.Equal(new Windowed<long>(0, 0, 1), before);
        Assert.Equal(new Windowed<long>(0, 0, 0), after);
    }

    [Fact]
    public void WindowedCounter_AddWithCount_AddsToEveryWindow()
    {
        _counter.Add(Start, 5);

        _counter.Add(Start, -2);

        Assert.Equal(new Windowed<long>(3, 3, 3), _counter.Sums(Start));
    }

    [Fact]
    public void WindowedCounter_EventTooOldForShortWindow_IsCountedInLongerWindows()
    {
        _time.Advance(TimeSpan.FromMinutes(20));
        _counter.Add(_time.GetUtcNow());

        _counter.Add(Start);

        Assert.Equal(new Windowed<long>(1, 2, 2), _counter.Sums(_time.GetUtcNow()));
    }

    [Fact]
    public void WindowedCounter_Sum_ReadsTheNamedWindow()
    {
        _counter.Add(Start);
        var now = Start + TimeSpan.FromMinutes(30);

        var fifteen = _counter.Sum(RollingWindow.FifteenMinutes, now);
        var hour = _counter.Sum(RollingWindow.OneHour, now);

        Assert.Equal(0, fifteen);
        Assert.Equal(1, hour);
    }
}
