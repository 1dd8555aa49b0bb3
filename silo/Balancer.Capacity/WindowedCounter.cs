namespace Balancer.Capacity;

/// <summary>One count kept over the 15-minute, 1-hour and 24-hour windows at once.</summary>
public sealed class WindowedCounter
{
    private readonly RollingCounter[] _counters = RollingWindows.All
        .Select(w => new RollingCounter(w.Span(), w.BucketCount()))
        .ToArray();

    public void Add(DateTimeOffset at, long count = 1)
    {
        foreach (var counter in _counters)
        {
            counter.Add(at, count);
        }
    }

    public long Sum(RollingWindow window, DateTimeOffset now) => _counters[(int)window].Sum(now);

    public Windowed<long> Sums(DateTimeOffset now) =>
        new(Sum(RollingWindow.FifteenMinutes, now), Sum(RollingWindow.OneHour, now), Sum(RollingWindow.OneDay, now));
}

/// <summary>A figure over the three rolling windows.</summary>
public readonly record struct Windowed<T>(T FifteenMinutes, T OneHour, T OneDay)
{
    public static Windowed<TOut> Combine<TOut>(Windowed<T> a, Windowed<T> b, Func<T, T, TOut> map) =>
        new(map(a.FifteenMinutes, b.FifteenMinutes), map(a.OneHour, b.OneHour), map(a.OneDay, b.OneDay));
}
