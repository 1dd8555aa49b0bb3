namespace Balancer.Simulation;

/// <summary>Arithmetic on <see cref="ShiftSpec"/>: when it is open, and when it next opens.</summary>
public static class Shifts
{
    public static bool IsOpen(this ShiftSpec shift, DateTimeOffset at)
    {
        var time = TimeOnly.FromTimeSpan(at.UtcDateTime.TimeOfDay);
        return shift.Days.Contains(at.UtcDateTime.DayOfWeek) && time >= shift.Start && time < shift.End;
    }

    /// <summary><paramref name="at"/> itself when the shift is open then, else the next opening after it.</summary>
    public static DateTimeOffset NextOpen(this ShiftSpec shift, DateTimeOffset at)
    {
        if (shift.IsOpen(at))
        {
            return at;
        }

        var day = at.UtcDateTime.Date;
        for (var i = 0; i <= 7; i++, day = day.AddDays(1))
        {
            var opens = new DateTimeOffset(day + shift.Start.ToTimeSpan(), TimeSpan.Zero);
            if (shift.Days.Contains(day.DayOfWeek) && opens >= at)
            {
                return opens;
            }
        }

        throw new InvalidOperationException("A shift with no days never opens.");
    }

    /// <summary>The openings and closings of <paramref name="shifts"/> opening in [from, until), in order.</summary>
    public static IEnumerable<(DateTimeOffset Opens, DateTimeOffset Closes)> Between(
        IEnumerable<ShiftSpec> shifts, DateTimeOffset from, DateTimeOffset until)
    {
        var spans = new List<(DateTimeOffset, DateTimeOffset)>();
        foreach (var shift in shifts)
        {
            for (var day = from.UtcDateTime.Date; day < until.UtcDateTime; day = day.AddDays(1))
            {
                if (shift.Days.Contains(day.DayOfWeek))
                {
                    spans.Add((new DateTimeOffset(day + shift.Start.ToTimeSpan(), TimeSpan.Zero),
                        new DateTimeOffset(day + shift.End.ToTimeSpan(), TimeSpan.Zero)));
                }
            }
        }

        return spans.Where(s => s.Item1 >= from && s.Item1 < until).Order();
    }
}
