using System.Globalization;
using Balancer.Capacity;
using Balancer.Contracts.Model;

namespace Balancer.Grains;

/// <summary>Builds the warning for a level change, with a sentence a person can act on.</summary>
internal static class Warnings
{
    public static LiveWarning Create(
        string tenantId, string scope, string subjectId, WarningMetric metric, ThresholdTracker tracker,
        Severity previous, double? value, double? predictedBreachInSeconds, RollingWindow window, DateTimeOffset now)
    {
        var level = tracker.Level;
        var threshold = tracker.ThresholdOf(level > previous ? level : previous) ?? 0;
        var figure = value ?? 0;
        var what = metric switch
        {
            WarningMetric.BreachRate => "breach rate",
            WarningMetric.SendsPerHumanReply => "automated sends per human reply",
            _ => "escalation rate",
        };

        var text = level > previous
            ? $"{Capitalise(scope)} {subjectId}: {what} {Format(metric, figure)} over {window.WindowName()} " +
              $"reached the {Name(level)} threshold {Format(metric, threshold)}."
            : level == Severity.Normal
                ? $"{Capitalise(scope)} {subjectId}: {what} {Format(metric, figure)} over {window.WindowName()} " +
                  $"recovered below {Format(metric, threshold)}."
                : $"{Capitalise(scope)} {subjectId}: {what} {Format(metric, figure)} over {window.WindowName()} " +
                  $"eased from {Name(previous)} to {Name(level)}.";
        if (predictedBreachInSeconds is { } seconds && level > Severity.Normal)
        {
            text += string.Create(CultureInfo.InvariantCulture, $" Next breach in {seconds:F0} s.");
        }

        return new LiveWarning(
            tenantId, scope, subjectId, metric, level.ToLevel(), previous.ToLevel(), figure, threshold,
            predictedBreachInSeconds, now, text);
    }

    private static string Format(WarningMetric metric, double value) => metric == WarningMetric.SendsPerHumanReply
        ? string.Create(CultureInfo.InvariantCulture, $"{value:F1}:1")
        : string.Create(CultureInfo.InvariantCulture, $"{value * 100:F1}%");

    private static string Name(Severity level) => level.ToString().ToLowerInvariant();

    private static string Capitalise(string scope) => char.ToUpperInvariant(scope[0]) + scope[1..];
}
