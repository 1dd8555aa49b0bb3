using Balancer.Contracts.Api;
using FsCheck;
using FsCheck.Fluent;
using Choose64 = FsCheck.FSharp.Gen;

namespace Balancer.Access.Tests.Properties;

/// <summary>
/// Generates routing rules over their whole schema: valid ones at the edges of every range (200 intents of 200
/// characters, 1 and 20 touches, windows of 60 seconds and 366 days, a trial of 0 or 100 percent), and hostile
/// ones, valid rules with one field of the control or the trial broken, or the trial's share out of range.
/// </summary>
public sealed class RoutingGenerators(HostileValues hostile)
{
    public const int MaxIntents = 200;
    public const long MinWindowSeconds = 60;
    public const long MaxWindowSeconds = 366L * 24 * 3600;

    public static readonly string[] Queues = ["rq1", "rq2", "rq3"];

    public static readonly string[] UnknownQueues = ["rq9", "RQ1", EventCatalog.ElsewhereQueue];

    private int MaxText => hostile.Limits.MaxTextLength;

    private Gen<string> Intent => Gen.Frequency(
        (4, Gen.Elements("password_reset", "Billing", "  spaced  ", "refund/partial", "東京", "x")),
        (1, HostileValues.Chars(Gen.Constant(MaxText), HostileValues.IdChars)));

    public Gen<RoutingRules> Rules =>
        from count in Gen.Frequency((6, Gen.Choose(0, 4)), (1, Gen.Constant(MaxIntents)))
        from intents in Gen.ArrayOf(Intent, count)
        from escalate in Optional(Gen.Frequency((1, Gen.Elements(1, 20)), (2, Gen.Choose(1, 20))))
        from senior in Gen.Elements(Queues)
        from value in Optional(Gen.Frequency(
            (1, Gen.Elements(0.0, 1e15)),
            (3, Gen.Choose(0, int.MaxValue).Select(cents => cents / 100.0))))
        from complaints in Optional(Gen.Frequency((1, Gen.Elements(1, 100)), (2, Gen.Choose(1, 100))))
        from window in Optional(Gen.Frequency(
            (1, Gen.Elements(MinWindowSeconds, MaxWindowSeconds)),
            (2, Choose64.Choose64(MinWindowSeconds, MaxWindowSeconds))))
        from overflow in Gen.Elements(Queues)
        select Rule(intents, escalate, senior, value, complaints, window, overflow);

    /// <summary>Control rules, and a trial on a share of 0 to 100 percent of contacts, or none.</summary>
    public Gen<RoutingConfig> Config =>
        from control in Rules
        from trial in Gen.Frequency((1, Gen.Constant<RoutingRules?>(null)), (2, Rules.Select(r => (RoutingRules?)r)))
        from percent in trial is null
            ? Gen.Constant(0)
            : Gen.Frequency((1, Gen.Elements(0, 100)), (2, Gen.Choose(0, 100)))
        select new RoutingConfig { Control = control, Trial = trial, TrialPercent = percent };

    public Gen<RequestOp> Op => Gen.Frequency(
        (1, Config.Select(c => new RequestOp(c))),
        (1, Config.SelectMany(c => HostileValues.Int("trial_percent", 0, 100).Select(b => new RequestOp(c, b)))),
        (1, Config.Select(c => new RequestOp(c, new Breakage("control", "missing", null, null)))),
        (1, Config.Where(c => c.Trial is not null).Select(c => new RequestOp(
            c.TrialPercent == 0 ? new RoutingConfig(c) { TrialPercent = 1 } : c,
            new Breakage("trial", "missing", null, null)))),
        (8, Config.SelectMany(c => Broken(c, "control", c.Control).Select(b => new RequestOp(c, b)))),
        (6, Config.Where(c => c.Trial is not null)
            .SelectMany(c => Broken(c, "trial", c.Trial).Select(b => new RequestOp(c, b)))));

    /// <summary>One to three calls, most of them hostile.</summary>
    public Gen<RequestCase> Case =>
        Gen.Choose(1, 3).SelectMany(n => Gen.ArrayOf(Op, n)).Select(ops => new RequestCase(ops));

    private Gen<Breakage> Broken(RoutingConfig config, string variant, RoutingRules rules)
    {
        var harms = new List<Gen<Breakage>>
        {
            Gen.Choose(MaxIntents + 1, MaxIntents + 10).Select(n => new Breakage(
                $"{variant}.bot_intents", "too many", new Resize(n), new Resize(MaxIntents + 1))),
            HostileValues.Int($"{variant}.escalate_after_touches", 1, 20),
            hostile.Id($"{variant}.senior_queue_id", UnknownQueues),
            HostileValues.Amount($"{variant}.senior_lifetime_value"),
            HostileValues.Int($"{variant}.senior_complaints", 1, 100),
            HostileValues.Long($"{variant}.complaint_window_seconds", MinWindowSeconds, MaxWindowSeconds),
            hostile.Id($"{variant}.overflow_queue_id", UnknownQueues),
        };
        if (rules.BotIntents.Count > 0)
        {
            harms.Add(Gen.Choose(0, rules.BotIntents.Count - 1).SelectMany(i => Gen.OneOf(
                Gen.Elements("", " ", "\t\n", "\u00a0", "\u2003")
                    .Select(blank => new Breakage($"{variant}.bot_intents[{i}]", "missing", blank, "")),
                HostileValues.Text($"{variant}.bot_intents[{i}]", MaxText))));
        }

        return Gen.OneOf(harms);
    }

    private static Gen<T?> Optional<T>(Gen<T> value)
        where T : struct =>
        Gen.Frequency((1, Gen.Constant<T?>(null)), (1, value.Select(v => (T?)v)));

    private static RoutingRules Rule(
        string[] intents, int? escalate, string senior, double? value, int? complaints, long? window, string overflow)
    {
        var rules = new RoutingRules { SeniorQueueId = senior, OverflowQueueId = overflow };
        rules.BotIntents.AddRange(intents);
        if (escalate is { } touches)
        {
            rules.EscalateAfterTouches = touches;
        }

        if (value is { } v)
        {
            rules.SeniorLifetimeValue = v;
        }

        if (complaints is { } c)
        {
            rules.SeniorComplaints = c;
        }

        if (window is { } w)
        {
            rules.ComplaintWindowSeconds = w;
        }

        return rules;
    }
}
