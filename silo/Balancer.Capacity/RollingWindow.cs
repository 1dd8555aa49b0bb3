namespace Balancer.Capacity;

/// <summary>The rolling windows every figure is reported over.</summary>
public enum RollingWindow
{
    FifteenMinutes = 0,
    OneHour = 1,
    OneDay = 2,
}

public static class RollingWindows
{
    public static readonly RollingWindow[] All =
        [RollingWindow.FifteenMinutes, RollingWindow.OneHour, RollingWindow.OneDay];

    public static TimeSpan Span(this RollingWindow window) => window switch
    {
        RollingWindow.FifteenMinutes => TimeSpan.FromMinutes(15),
        RollingWindow.OneHour => TimeSpan.FromHours(1),
        RollingWindow.OneDay => TimeSpan.FromHours(24),
        _ => throw new ArgumentOutOfRangeException(nameof(window), window, "Unknown rolling window."),
    };

    /// <summary>
    /// Buckets per window: one-minute buckets for 15 minutes, five-minute buckets for the hour and
    /// hourly buckets for the day, 51 longs for all three.
    /// </summary>
    public static int BucketCount(this RollingWindow window) => window switch
    {
        RollingWindow.FifteenMinutes => 15,
        RollingWindow.OneHour => 12,
        RollingWindow.OneDay => 24,
        _ => throw new ArgumentOutOfRangeException(nameof(window), window, "Unknown rolling window."),
    };
}
