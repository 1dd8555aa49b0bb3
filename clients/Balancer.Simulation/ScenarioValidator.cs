using System.Globalization;
using Balancer.Capacity;

namespace Balancer.Simulation;

/// <summary>Every problem of a scenario, each a sentence that starts with the field's path in the file.</summary>
public static class ScenarioValidator
{
    private const int MaxDays = 28;

    public static IEnumerable<string> Validate(Scenario s)
    {
        var p = new Problems();
        p.Require(s.Name.Length > 0, "name", "is missing");
        p.Require(s.Start.Offset == TimeSpan.Zero && s.Start.TimeOfDay == TimeSpan.Zero, "start",
            $"must be a midnight in UTC, such as 2026-03-02T00:00:00Z; it is {s.Start:O}");
        p.Range("days", s.Days, 1, MaxDays);
        p.Range("drainLimit", s.DrainLimit, TimeSpan.FromHours(1), TimeSpan.FromDays(60));
        p.Range("sampleEvery", s.SampleEvery, TimeSpan.FromMinutes(1), TimeSpan.FromDays(1));
        p.Range("handleTimeSpread", s.HandleTimeSpread, 0, 2);
        p.Range("firstResponseAfter", s.FirstResponseAfter, TimeSpan.Zero, TimeSpan.FromHours(1));

        var queues = Unique(p, "queues", s.Queues, q => q.Id, "id");
        for (var i = 0; i < s.Queues.Count; i++)
        {
            p.Defined($"queues[{i}].channel", s.Queues[i].Channel);
            p.Range(
                $"queues[{i}].replyWindow", s.Queues[i].ReplyWindow, TimeSpan.FromSeconds(10), TimeSpan.FromDays(7));
        }

        var intents = Unique(p, "intents", s.Intents, x => x.Name, "name");
        for (var i = 0; i < s.Intents.Count; i++)
        {
            p.Range($"intents[{i}].botResolves", s.Intents[i].BotResolves, 0, 1);
        }

        Routing(p, "routing", s.Routing, s, queues, chat: false);
        if (s.ChatRouting is { } chatRouting)
        {
            Routing(p, "chatRouting", chatRouting, s, queues, chat: true);
        }

        p.Range("bot.touchTime", s.Bot.TouchTime, TimeSpan.FromSeconds(1), TimeSpan.FromDays(1));
        p.Range("escalationHandleFactor", s.EscalationHandleFactor, 1, 10);
        Agents(p, s.Agents, queues);
        for (var i = 0; i < s.Inbound.Count; i++)
        {
            Inbound(p, $"inbound[{i}]", s.Inbound[i], intents);
        }

        Unique(p, "sequences", s.Sequences, q => q.Id, "id");
        for (var i = 0; i < s.Sequences.Count; i++)
        {
            Sequence(p, $"sequences[{i}]", s.Sequences[i], intents, s.Days);
        }

        var chat = s.Inbound.Any(x => x.Channel == Channel.Chat) || s.Sequences.Any(x => x.Channel == Channel.Chat);
        p.Require(!chat || s.ChatRouting is not null, "chatRouting",
            "is missing, and some inbound load or sequence is on chat");

        p.Options("cadence", s.Cadence.Validate());
        p.Options("admission", s.Admission.Validate());
        p.Options("assignment", s.Assignment.Validate());
        p.Options("priority", s.Priority.Validate());
        p.Options("costs", s.Costs.Validate());
        p.Range("staticCap.min", s.StaticCap.Min, 1, 1_000_000);
        p.Require(s.StaticCap.Max > s.StaticCap.Min, "staticCap.max",
            $"must be above staticCap.min ({s.StaticCap.Min}); it is {s.StaticCap.Max}");
        return p.All;
    }

    private static void Routing(
        Problems p, string at, RoutingRules rules, Scenario s, HashSet<string> queues, bool chat)
    {
        p.Options(at, rules.Validate());
        p.Require(!queues.Contains(rules.BotQueueId), $"{at}.botQueueId",
            $"must not name a queue of humans; '{rules.BotQueueId}' is one");
        foreach (var (field, id) in new[]
        {
            ("overflowQueueId", rules.OverflowQueueId), ("seniorQueueId", rules.SeniorQueueId),
        })
        {
            var queue = s.Queues.FirstOrDefault(q => q.Id == id);
            p.Require(queues.Contains(id), $"{at}.{field}", Names("queue", id));
            p.Require(queue is null || (queue.Channel == Channel.Chat) == chat, $"{at}.{field}",
                chat ? $"must name a chat queue; '{id}' is on {queue?.Channel}"
                    : $"must name an email or SMS queue; '{id}' is on chat");
        }
    }

    private static void Agents(Problems p, IReadOnlyList<AgentSpec> agents, HashSet<string> queues)
    {
        Unique(p, "agents", agents, a => a.Id, "id");
        for (var i = 0; i < agents.Count; i++)
        {
            var a = agents[i];
            p.Range($"agents[{i}].slots", a.Slots, 1, 20);
            p.Range($"agents[{i}].dailyCeiling", a.DailyCeiling, 1, 500);
            p.Range($"agents[{i}].handleTime", a.HandleTime, TimeSpan.FromSeconds(30), TimeSpan.FromHours(8));
            p.Defined($"agents[{i}].tier", a.Tier);
            for (var q = 0; q < a.Queues.Count; q++)
            {
                p.Require(queues.Contains(a.Queues[q]), $"agents[{i}].queues[{q}]", Names("queue", a.Queues[q]));
            }

            p.Require(a.Shifts.Count > 0, $"agents[{i}].shifts", "must list at least one shift");
            for (var j = 0; j < a.Shifts.Count; j++)
            {
                Shift(p, $"agents[{i}].shifts[{j}]", a.Shifts[j]);
            }
        }
    }

    private static void Inbound(Problems p, string at, InboundSpec x, HashSet<string> intents)
    {
        p.Require(x.Name.Length > 0, $"{at}.name", "is missing");
        p.Defined($"{at}.channel", x.Channel);
        p.Range($"{at}.perDay", x.PerDay, 0, 1_000_000);
        p.Require(x.Hourly.Count == 24, $"{at}.hourly", $"must have 24 weights, one an hour; it has {x.Hourly.Count}");
        Weights(p, $"{at}.hourly", x.Hourly);
        p.Require(x.Weekdays.Count is 0 or 7, $"{at}.weekdays",
            $"must have 7 factors, Monday first, or none; it has {x.Weekdays.Count}");
        for (var i = 0; i < x.Weekdays.Count; i++)
        {
            p.Range($"{at}.weekdays[{i}]", x.Weekdays[i], 0, 100);
        }

        Mix(p, $"{at}.intents", x.Intents, intents);
        Contacts(p, $"{at}.contacts", x.Contacts);
        p.Range($"{at}.contactPool", x.ContactPool, 1, 10_000_000);
    }

    private static void Sequence(Problems p, string at, SequenceSpec x, HashSet<string> intents, int days)
    {
        p.Defined($"{at}.channel", x.Channel);
        Shift(p, $"{at}.sendWindow", x.SendWindow);
        p.Range($"{at}.enrolments.perDay", x.Enrolments.PerDay, 0, 1_000_000);
        for (var i = 0; i < x.Enrolments.Days.Count; i++)
        {
            p.Range($"{at}.enrolments.days[{i}]", x.Enrolments.Days[i], 0, days - 1);
        }

        for (var i = 0; i < x.Enrolments.Blasts.Count; i++)
        {
            p.Range($"{at}.enrolments.blasts[{i}].day", x.Enrolments.Blasts[i].Day, 0, days - 1);
            p.Range($"{at}.enrolments.blasts[{i}].contacts", x.Enrolments.Blasts[i].Contacts, 1, 1_000_000);
        }

        p.Range($"{at}.replyLag", x.ReplyLag, TimeSpan.FromSeconds(1), TimeSpan.FromDays(7));
        Mix(p, $"{at}.intents", x.Intents, intents);
        Contacts(p, $"{at}.contacts", x.Contacts);
        p.Require(x.Steps.Count is >= 1 and <= 50, $"{at}.steps", $"must have 1 to 50 steps; it has {x.Steps.Count}");
        for (var i = 0; i < x.Steps.Count; i++)
        {
            var step = x.Steps[i];
            p.Range($"{at}.steps[{i}].delay", step.Delay, TimeSpan.Zero, TimeSpan.FromDays(30));
            p.Range($"{at}.steps[{i}].replyRate", step.ReplyRate, 0, 1);
            p.Range($"{at}.steps[{i}].conversion", step.Conversion, 0, 1);
            p.Require(step.ReplyRate + step.Conversion <= 1, $"{at}.steps[{i}].conversion",
                $"and replyRate must add up to at most 1; they add up to {step.ReplyRate + step.Conversion}");
        }
    }

    private static void Shift(Problems p, string at, ShiftSpec shift)
    {
        p.Require(shift.Days.Count > 0, $"{at}.days", "must list at least one day of the week");
        for (var i = 0; i < shift.Days.Count; i++)
        {
            p.Defined($"{at}.days[{i}]", shift.Days[i]);
        }

        p.Require(shift.End > shift.Start, $"{at}.end", $"must be after start ({shift.Start}); it is {shift.End}");
    }

    private static void Contacts(Problems p, string at, ContactSpec c)
    {
        p.Range($"{at}.medianLifetimeValue", c.MedianLifetimeValue, 0, 1e9);
        p.Range($"{at}.valueSpread", c.ValueSpread, 0, 5);
    }

    private static void Mix(Problems p, string at, IReadOnlyDictionary<string, double> mix, HashSet<string> intents)
    {
        p.Require(mix.Count > 0, at, "must weigh at least one intent");
        foreach (var (name, weight) in mix)
        {
            p.Require(intents.Contains(name), $"{at}.{name}", Names("intent", name));
            p.Range($"{at}.{name}", weight, 0, 1e6);
        }

        Weights(p, at, [.. mix.Values]);
    }

    private static void Weights(Problems p, string at, IReadOnlyList<double> weights)
    {
        for (var i = 0; i < weights.Count; i++)
        {
            p.Require(
                weights[i] >= 0 && double.IsFinite(weights[i]), $"{at}[{i}]", $"must be 0 or more; it is {weights[i]}");
        }

        p.Require(weights.Count == 0 || weights.Sum() > 0, at, "must have at least one weight above 0");
    }

    private static HashSet<string> Unique<T>(
        Problems p, string at, IReadOnlyList<T> items, Func<T, string> id, string field)
    {
        p.Require(items.Count > 0 || at == "sequences", at, "must have at least one entry");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            var value = id(items[i]);
            p.Require(value.Length > 0, $"{at}[{i}].{field}", "is missing");
            p.Require(value.Length == 0 || seen.Add(value), $"{at}[{i}].{field}", $"repeats '{value}'");
        }

        return seen;
    }

    private static string Names(string what, string name) =>
        name.Length == 0 ? "is missing" : $"names no {what} '{name}' of this scenario";

    /// <summary>Collects sentences that start with the field they are about.</summary>
    private sealed class Problems
    {
        public List<string> All { get; } = [];

        /// <summary>An options class's own problems, which name the option, under the scenario's field.</summary>
        public void Options(string field, IEnumerable<string> problems) =>
            All.AddRange(problems.Select(problem => $"{field}: {problem}"));

        public void Require(bool ok, string field, string problem)
        {
            if (!ok)
            {
                All.Add($"{field} {problem}.");
            }
        }

        public void Range(string field, double value, double min, double max) => Require(
            value >= min && value <= max, field, $"must be from {F(min)} to {F(max)}; it is {F(value)}");

        public void Range(string field, TimeSpan value, TimeSpan min, TimeSpan max) => Require(
            value >= min && value <= max, field, $"must be from {min} to {max}; it is {value}");

        public void Defined<TEnum>(string field, TEnum value)
            where TEnum : struct, Enum => Require(Enum.IsDefined(value), field, $"is not a known value; it is {value}");

        private static string F(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);
    }
}
