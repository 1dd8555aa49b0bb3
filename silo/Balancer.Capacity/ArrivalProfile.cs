namespace Balancer.Capacity;

/// <summary>
/// What arrives for humans hour by hour, whatever the sequences send, learned from the hours seen:
/// one figure per hour of the day, apart for weekdays and weekends, each moved towards every new
/// hour by <see cref="Smoothing"/>. It forecasts the hours ahead for the look-ahead, which would
/// otherwise carry the last hour's rate, a morning peak say, through the whole afternoon.
/// </summary>
/// <remarks>Hours are UTC. Not thread-safe; one tenant's grain owns an instance.</remarks>
public sealed class ArrivalProfile(double smoothing = 0.5)
{
    private readonly double?[] _byHour = new double?[48];
    private DateTimeOffset? _last;

    /// <summary>How far each new hour moves its hour's figure, from 0 (not at all) to 1 (all the way).</summary>
    public double Smoothing { get; } = smoothing is > 0 and <= 1
        ? smoothing
        : throw new ArgumentOutOfRangeException(nameof(smoothing), smoothing, "Must be above 0 and at most 1.");

    /// <summary>
    /// Records that the hour ending at <paramref name="now"/> saw <paramref name="arrivals"/>; a
    /// second reading within the same hour of the clock is ignored.
    /// </summary>
    public void Record(DateTimeOffset now, double arrivals)
    {
        var hour = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerHour), TimeSpan.Zero);
        if (_last == hour)
        {
            return;
        }

        _last = hour;
        var slot = Slot(hour.AddHours(-1));
        _byHour[slot] = _byHour[slot] is { } known ? known + (Smoothing * (arrivals - known)) : arrivals;
    }

    /// <summary>
    /// The arrivals expected in each of the <paramref name="hours"/> hours from <paramref name="now"/>:
    /// the learned figure of that hour of the day, or <paramref name="fallback"/> for an hour not seen yet.
    /// </summary>
    public IReadOnlyList<double> Forecast(DateTimeOffset now, int hours, double fallback) =>
        [.. Enumerable.Range(0, hours).Select(h => _byHour[Slot(now.AddHours(h))] ?? fallback)];

    private static int Slot(DateTimeOffset at)
    {
        var weekend = at.UtcDateTime.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
        return (weekend ? 24 : 0) + at.UtcDateTime.Hour;
    }
}
