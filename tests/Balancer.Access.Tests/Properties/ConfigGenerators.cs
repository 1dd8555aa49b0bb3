using Balancer.Contracts.Api;
using FsCheck;
using FsCheck.Fluent;
using Channel = Balancer.Contracts.Api.Channel;

namespace Balancer.Access.Tests.Properties;

/// <summary>
/// Generates upserts of queues, agents and sequences over their whole schema: valid ones at the edges of every range
/// (windows of 1 second and 7 days, 1 and 100 slots, 50 steps, texts at their limit), each creating or changing an
/// entity of a small pool, and hostile ones, a valid upsert with one field broken.
/// </summary>
public sealed class ConfigGenerators(HostileValues hostile)
{
    public const int MaxReplyWindowSeconds = 7 * 24 * 3600;
    public const long MaxStepDelaySeconds = 365L * 24 * 3600;

    /// <summary>Queues configured before the first case, which sequences may name.</summary>
    public static readonly string[] BaseQueues = ["cq1", "cq2"];

    public static readonly string[] QueuePool = [.. BaseQueues, "cq3", "cq-" + new string('q', 61), "file-d'attente"];

    public static readonly string[] AgentPool = ["ca1", "ca2", "agent.x@example.com"];

    public static readonly string[] SequencePool = ["cs1", "cs2", "séquence"];

    /// <summary>Queue ids a sequence may not name: nobody configured them.</summary>
    public static readonly string[] UnknownQueues = ["cq9", "CQ1", EventCatalog.ElsewhereQueue];

    private int MaxText => hostile.Limits.MaxTextLength;

    /// <summary>Free text: none, a word, or exactly the limit, control characters and all.</summary>
    private Gen<string> Text => Gen.Frequency(
        (3, Gen.Constant("")),
        (3, Gen.Elements("Premium", "Support — EU", "Relance\tfacture", "返品")),
        (1, HostileValues.Chars(Gen.Constant(MaxText), [.. HostileValues.IdChars, ' ', '\n', '\0', '/'])));

    public Gen<QueueConfig> Queue =>
        from id in Gen.Elements(QueuePool)
        from window in Gen.Frequency(
            (1, Gen.Elements(1, MaxReplyWindowSeconds)),
            (3, Gen.Choose(1, MaxReplyWindowSeconds)))
        from display in Text
        from live in Gen.Elements(false, true)
        select new QueueConfig { QueueId = id, ReplyWindowSeconds = window, DisplayName = display, Live = live };

    public Gen<AgentConfig> Agent =>
        from id in Gen.Elements(AgentPool)
        from tier in Gen.Elements(AgentTier.Standard, AgentTier.Senior, AgentTier.Contractor)
        from slots in Gen.Frequency((1, Gen.Elements(1, 100)), (3, Gen.Choose(1, 100)))
        from ceiling in Gen.Frequency((1, Gen.Elements(1, 1000)), (3, Gen.Choose(1, 1000)))
        from display in Text
        select new AgentConfig
        {
            AgentId = id, Tier = tier, Slots = slots, DailyCeiling = ceiling, DisplayName = display,
        };

    public Gen<SequenceConfig> Sequence =>
        from id in Gen.Elements(SequencePool)
        from channel in Gen.Elements(Channel.Email, Channel.Sms, Channel.Chat)
        from trigger in Text
        from urgent in Gen.Elements(false, true)
        from count in Gen.Frequency((4, Gen.Choose(1, 5)), (1, Gen.Constant(hostile.Limits.MaxSequenceSteps)))
        from steps in Gen.ArrayOf(
            from delay in Gen.Frequency(
                (1, Gen.Elements(0L, MaxStepDelaySeconds)),
                (3, Gen.Choose(0, 30 * 24 * 3600).Select(s => (long)s)))
            from name in Text
            select new SequenceStep { DelaySeconds = delay, Name = name }, count)
        from display in Text
        from queue in Gen.Frequency((2, Gen.Constant("")), (1, Gen.Elements(BaseQueues)))
        select Sequenced(id, channel, trigger, urgent, steps, display, queue);

    public Gen<RequestOp> Op => Gen.Frequency(
        (1, Queue.Select(q => new RequestOp(q))),
        (2, Queue.SelectMany(q => Gen.OneOf(
                hostile.Id("queue_id"),
                HostileValues.Text("display_name", MaxText),
                HostileValues.Int("reply_window_seconds", 1, MaxReplyWindowSeconds))
            .Select(b => new RequestOp(q, b)))),
        (1, Agent.Select(a => new RequestOp(a))),
        (2, Agent.SelectMany(a => Gen.OneOf(
                hostile.Id("agent_id"),
                HostileValues.Text("display_name", MaxText),
                HostileValues.Enum("tier", 3),
                HostileValues.Int("slots", 1, 100),
                HostileValues.Int("daily_ceiling", 1, 1000))
            .Select(b => new RequestOp(a, b)))),
        (1, Sequence.Select(s => new RequestOp(s))),
        (3, Sequence.SelectMany(s => Gen.OneOf(
                hostile.Id("sequence_id"),
                HostileValues.Text("display_name", MaxText),
                HostileValues.Text("trigger_source", MaxText),
                HostileValues.Enum("channel", 3),
                StepCount(),
                Gen.Choose(0, s.Steps.Count - 1).SelectMany(i => Gen.OneOf(
                    HostileValues.Long($"steps[{i}].delay_seconds", 0, MaxStepDelaySeconds),
                    HostileValues.Text($"steps[{i}].name", MaxText))),
                hostile.Id("queue_id", UnknownQueues, optional: true))
            .Select(b => new RequestOp(s, b)))));

    /// <summary>One to four upserts, most of them hostile.</summary>
    public Gen<RequestCase> Case =>
        Gen.Choose(1, 4).SelectMany(n => Gen.ArrayOf(Op, n)).Select(ops => new RequestCase(ops));

    private Gen<Breakage> StepCount() => Gen.OneOf(
        Gen.Constant(new Breakage("steps", "no steps", new Resize(0), new Resize(0))),
        Gen.Choose(hostile.Limits.MaxSequenceSteps + 1, hostile.Limits.MaxSequenceSteps + 10)
            .Select(n => new Breakage(
                "steps", "too many steps", new Resize(n), new Resize(hostile.Limits.MaxSequenceSteps + 1))));

    private static SequenceConfig Sequenced(
        string id, Channel channel, string trigger, bool urgent, SequenceStep[] steps, string display, string queue)
    {
        var sequence = new SequenceConfig
        {
            SequenceId = id, Channel = channel, TriggerSource = trigger, Urgent = urgent, DisplayName = display,
            QueueId = queue,
        };
        sequence.Steps.AddRange(steps);
        return sequence;
    }
}
