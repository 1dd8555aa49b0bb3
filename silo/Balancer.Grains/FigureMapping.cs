using Balancer.Capacity;
using Balancer.Contracts.Model;

namespace Balancer.Grains;

/// <summary>Turns the arithmetic's figures into the records grains send.</summary>
internal static class FigureMapping
{
    public static Counts ToCounts(this Windowed<long> w) => new(w.FifteenMinutes, w.OneHour, w.OneDay);

    public static Rates ToRates(this Windowed<double?> w) => new(w.FifteenMinutes, w.OneHour, w.OneDay);

    public static Rates RateOf(Windowed<long> part, Windowed<long> whole, long minimumWhole = 1) =>
        Windowed<long>.Combine(part, whole, (p, w) => Ratio.Of(p, w, minimumWhole)).ToRates();

    public static WarningLevel ToLevel(this Severity severity) => (WarningLevel)(int)severity;

    public static DirectiveGrade ToDirectiveGrade(this Grade grade) => (DirectiveGrade)(int)grade;

    public static Grade ToGrade(this DirectiveGrade grade) => (Grade)(int)grade;

    public static Severity ToSeverity(this WarningLevel level) => (Severity)(int)level;

    public static Capacity.Channel ToCapacity(this Contracts.Model.Channel channel) => (Capacity.Channel)(int)channel;

    public static double? Seconds(this TimeSpan? span) => span?.TotalSeconds;

    public static string WindowName(this RollingWindow window) => window switch
    {
        RollingWindow.FifteenMinutes => "15m",
        RollingWindow.OneHour => "1h",
        _ => "24h",
    };
}
