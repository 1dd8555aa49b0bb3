using System.Globalization;

namespace Balancer.Capacity;

/// <summary>Figures written the way the reasons and methods read them.</summary>
internal static class Words
{
    /// <summary>"30 days", "8 hours", "90 minutes", "20 s", or the invariant form of anything between.</summary>
    public static string Duration(TimeSpan span) => span switch
    {
        { Ticks: 0 } => "0 s",
        _ when span.Ticks % TimeSpan.TicksPerDay == 0 => Count(span.Days, "day"),
        _ when span.Ticks % TimeSpan.TicksPerHour == 0 => Count((long)span.TotalHours, "hour"),
        _ when span.Ticks % TimeSpan.TicksPerMinute == 0 => Count((long)span.TotalMinutes, "minute"),
        _ when span.Ticks % TimeSpan.TicksPerSecond == 0 => $"{(long)span.TotalSeconds} s",
        _ => span.ToString("c", CultureInfo.InvariantCulture),
    };

    /// <summary>A number with at most two decimals, in the invariant culture.</summary>
    public static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>An amount with at most two decimals, in the invariant culture.</summary>
    public static string Number(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>"1 complaint", "3 complaints".</summary>
    public static string Count(long count, string one, string? many = null) =>
        count == 1 ? $"1 {one}" : $"{count} {many ?? one + "s"}";
}
