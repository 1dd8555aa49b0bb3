using System.Globalization;
using System.Text;

namespace Balancer.Simulation;

/// <summary>A comparison in words and tables: a plain table for the terminal and a markdown summary.</summary>
public static class Report
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The figures of the three runs, one row each, for the terminal.</summary>
    public static string Table(Comparison c)
    {
        var rows = Rows(c);
        var widths = Enumerable.Range(0, rows[0].Length).Select(i => rows.Max(r => r[i].Length)).ToArray();
        var text = new StringBuilder();
        foreach (var row in rows)
        {
            text.AppendLine(string.Join("  ", row.Select((cell, i) => i == 0 ? cell.PadRight(widths[i])
                : cell.PadLeft(widths[i]))).TrimEnd());
        }

        return text.Append(Verdict(c)).AppendLine().ToString();
    }

    /// <summary>The summary written beside the plot, which it links as <paramref name="plotFile"/>.</summary>
    public static string Markdown(Comparison c, string plotFile)
    {
        var s = c.Scenario;
        var md = new StringBuilder();
        md.AppendLine(Inv, $"# Simulation: {s.Name}, seed {c.Seed}").AppendLine()
            .AppendLine(s.Description).AppendLine()
            .AppendLine(Inv, $"The campaign draws {c.CampaignReplies} replies against {c.UsualReplies} of the usual " +
                $"load, a lift of {c.ReplyLift:P0}; the bot resolves {BotShare(c.Observe, s):P0} of the campaign's. " +
                $"{s.Days} days from {s.Start:ddd d MMM yyyy}, then run until every send has gone and every " +
                $"conversation is answered, or for at most {s.DrainLimit.TotalDays:0} more days.").AppendLine();

        var rows = Rows(c);
        md.AppendLine("| " + string.Join(" | ", rows[0]) + " |").AppendLine("|---|---:|---:|---:|");
        foreach (var row in rows.Skip(1))
        {
            md.AppendLine("| " + string.Join(" | ", row) + " |");
        }

        md.AppendLine().AppendLine(Verdict(c)).AppendLine()
            .AppendLine(Inv, $"![breach rate and queue depth over time]({plotFile})").AppendLine()
            .AppendLine("## How the static cap was tuned").AppendLine()
            .AppendLine("Bisection over whole sends per hour per sequence (urgent sequences uncapped), for the " +
                "loosest cap whose breach rate is at most Balancer's.").AppendLine()
            .AppendLine("| cap | breach rate | total delay (h) | sends lost |").AppendLine("|---:|---:|---:|---:|");
        foreach (var run in c.Tuning)
        {
            md.AppendLine(
                Inv, $"| {run.Cap} | {run.BreachRate:P1} | {run.TotalDelay.TotalHours:N0} | {run.SendsLost} |");
        }

        md.AppendLine().AppendLine("## Where the delay fell").AppendLine()
            .AppendLine("| sequence | urgent | campaign | static cap: delayed, hours | Balancer: delayed, hours |")
            .AppendLine("|---|---|---|---:|---:|");
        for (var i = 0; i < s.Sequences.Count; i++)
        {
            var (capped, acting) = (c.StaticCap.Delays[i], c.Balancer.Delays[i]);
            var sequence = s.Sequences[i];
            md.AppendLine(Inv, $"| {sequence.Id} | {Yes(sequence.Urgent)} | {Yes(sequence.Campaign)} | " +
                $"{capped.Delayed} of {capped.Sends}, {capped.TotalDelay.TotalHours:N0} | " +
                $"{acting.Delayed} of {acting.Sends}, {acting.TotalDelay.TotalHours:N0} |");
        }

        return md.AppendLine().AppendLine("Run it again with `balancer simulate --scenario " +
            $"{s.Name} --seed {c.Seed}`: the same seed gives the same figures.").ToString();
    }

    private static List<string[]> Rows(Comparison c)
    {
        var runs = new[] { c.Observe, c.StaticCap, c.Balancer };
        string[] Row(string name, Func<RunResult, string> cell) => [name, .. runs.Select(cell)];
        return
        [
            Row("", r => r.Mode switch
            {
                RunMode.Observe => "observing only",
                RunMode.StaticCap => string.Create(Inv, $"static cap {r.Cap}/h"),
                _ => "Balancer",
            }),
            Row("breach rate", r => r.BreachRate.ToString("P1", Inv)),
            Row("conversations decided", r => r.Decided.ToString(Inv)),
            Row("p90 first response", r => Duration(r.P90FirstResponse)),
            Row("peak time to clear", r => Duration(r.PeakTimeToClear)),
            Row("sends delayed", r => string.Create(Inv, $"{r.DelayedSends} of {r.PlannedSends}")),
            Row("total delay (h)", r => r.TotalDelay.TotalHours.ToString("N0", Inv)),
            Row("mean delay of a delayed send", r => Duration(
                r.DelayedSends == 0 ? TimeSpan.Zero : r.TotalDelay / r.DelayedSends)),
            Row("longest delay", r => Duration(r.MaxDelay)),
            Row("sends lost", r => r.SendsLost.ToString(Inv)),
            Row("agent utilisation", r => r.Utilisation.ToString("P0", Inv)),
            Row("daily-ceiling overruns", r => r.CeilingOverruns.ToString(Inv)),
            Row("cost per resolved conversation", r => r.CostPerResolved is { } cost
                ? cost.ToString("0.00", Inv) : "-"),
            Row("grade changes", r => r.Mode == RunMode.Balancer ? r.DirectiveChanges.ToString(Inv) : "-"),
            Row("drained by", r => r.Finished.ToString("ddd d MMM HH:mm", Inv)),
        ];
    }

    private static string Verdict(Comparison c)
    {
        var sends = c.StaticCap.Cap == 1 ? "send" : "sends";
        var matched = c.CapMatched
            ? string.Create(Inv, $"the static cap tuned to it ({c.StaticCap.Cap} {sends} an hour per sequence)")
            : string.Create(Inv, $"the tightest static cap tried ({c.StaticCap.Cap} {sends} an hour), none " +
                $"reaching Balancer's breach rate");
        if (c.Scenario.Name != ScenarioFile.DefaultName)
        {
            return string.Create(Inv,
                $"Balancer breaches {c.Balancer.BreachRate:P1} against {c.Observe.BreachRate:P1} observing only, " +
                $"with {c.Balancer.SendsLost} sends lost and {c.Balancer.TotalDelay.TotalHours:N0} h of delay " +
                $"against {c.StaticCap.TotalDelay.TotalHours:N0} h for {matched}.");
        }

        return string.Create(Inv,
            $"Target: observing only breaches {c.Observe.BreachRate:P1} (above {Comparison.ObserveBreachAbove:P0}: " +
            $"{Yes(c.Observe.BreachRate > Comparison.ObserveBreachAbove)}); Balancer {c.Balancer.BreachRate:P1} " +
            $"(at most {Comparison.BalancerBreachAtMost:P0}: " +
            $"{Yes(c.Balancer.BreachRate <= Comparison.BalancerBreachAtMost)}) " +
            $"with {c.Balancer.SendsLost} sends lost, and {c.Balancer.TotalDelay.TotalHours:N0} h of delay against " +
            $"{c.StaticCap.TotalDelay.TotalHours:N0} h for {matched}. Met: {Yes(c.MeetsTarget)}.");
    }

    /// <summary>The share of the campaign's conversations the bot resolved, in the run that only observes.</summary>
    private static double BotShare(RunResult run, Scenario s)
    {
        var campaign = run.Activities.Where((_, i) => i < s.Sequences.Count && s.Sequences[i].Campaign).ToList();
        var resolved = campaign.Sum(a => a.Resolved);
        return resolved == 0 ? 0 : (double)(resolved - campaign.Sum(a => a.HumanInteractions)) / resolved;
    }

    private static string Duration(TimeSpan? span) => span is not { } t ? "-"
        : t.TotalHours >= 24 ? string.Create(Inv, $"{(int)t.TotalDays}d {t.Hours}h")
        : string.Create(Inv, $"{(int)t.TotalHours}h{t.Minutes:00}");

    private static string Yes(bool value) => value ? "yes" : "no";
}
