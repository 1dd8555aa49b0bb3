using System.Diagnostics.CodeAnalysis;

namespace Balancer.Capacity;

/// <summary>
/// Chooses each reply's tier and queue by the tenant's <see cref="RoutingRules"/>, trying a rule
/// change on a stable slice of contacts first.
/// </summary>
/// <remarks>
/// <para>
/// A contact is in the trial when <see cref="StableHash.Percentile"/> of its id is below
/// <c>trialPercent</c>, so a contact stays on one side for as long as the split stands. Every
/// decision is tallied in <see cref="Trial"/>.
/// </para>
/// <para>
/// The router remembers complaint times per contact and automated touches per conversation, each for
/// at most <c>memory</c> entries: past that the least recently seen is forgotten. A reply routed to the
/// bot is one automated touch of its conversation. <see cref="Reconfigure"/> keeps that memory.
/// </para>
/// <para>Not thread-safe; one tenant's grain owns an instance.</para>
/// </remarks>
public sealed class Router
{
    public const string ControlVariant = "control";

    public const string TrialVariant = "trial";

    private readonly RecentlyUsed<List<DateTimeOffset>> _complaints;
    private readonly RecentlyUsed<int> _touches;
    private Variant _control;
    private Variant? _trial;
    private int _trialPercent;
    private int _complaintsKept;
    private TimeSpan _complaintsFor;

    /// <param name="trialPercent">
    /// Share of contacts, 0 to 100, routed by <paramref name="trial"/>; 0 without one.
    /// </param>
    /// <param name="memory">Contacts and conversations remembered, each. Default: 100,000.</param>
    public Router(RoutingRules control, RoutingRules? trial, int trialPercent, int memory = 100_000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(memory, 1);
        _complaints = new RecentlyUsed<List<DateTimeOffset>>(memory);
        _touches = new RecentlyUsed<int>(memory);
        Reconfigure(control, trial, trialPercent);
    }

    /// <summary>The tally of decisions and outcomes per variant, since the rules last changed.</summary>
    public RoutingTrial Trial { get; private set; }

    /// <summary>
    /// Routes by new rules from now on, with a fresh <see cref="Trial"/>, since its figures describe the
    /// rules they were counted under. The memory of complaints and touches stays: a rule change must not
    /// forget who complained or how often the bot already answered.
    /// </summary>
    [MemberNotNull(nameof(_control), nameof(Trial))]
    public void Reconfigure(RoutingRules control, RoutingRules? trial, int trialPercent)
    {
        ArgumentNullException.ThrowIfNull(control);
        ArgumentOutOfRangeException.ThrowIfNegative(trialPercent);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(trialPercent, 100);
        if (trial is null && trialPercent > 0)
        {
            throw new ArgumentException("A trial share needs trial rules.", nameof(trialPercent));
        }

        _control = new Variant(ControlVariant, control);
        _trial = trial is null ? null : new Variant(TrialVariant, trial);
        _trialPercent = trialPercent;
        RoutingRules[] all = trial is null ? [control] : [control, trial];
        _complaintsKept = all.Max(r => r.SeniorComplaints ?? 1);
        _complaintsFor = all.Max(r => r.ComplaintWindow);
        Trial = new RoutingTrial();
    }

    /// <summary>Records the reply (its complaint, its automated touch) and says where it goes.</summary>
    public RouteDecision Route(InboundReply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        if (reply.Complaint)
        {
            RecordComplaint(reply.ContactId, reply.At);
        }

        var variant = Of(reply.ContactId);
        var rules = variant.Rules;
        var touches = _touches.TryGet(reply.ConversationId, out var t) ? t : 0;
        var complaints = ComplaintsWithin(reply.ContactId, rules.ComplaintWindow, reply.At);
        var isBotIntent = reply.Intent is { } intent && variant.BotIntents.Contains(intent);

        var (tier, queue, rule) = Choose(rules, reply, complaints, touches, isBotIntent);
        if (tier == RouteTier.Bot)
        {
            _touches.Set(reply.ConversationId, touches + 1);
        }

        var decision = new RouteDecision(tier, queue, rule, variant.Name);
        Trial.Record(decision);
        return decision;
    }

    /// <summary>
    /// Remembers the complaint of a reply that was not routed, such as one that named its queue, so it
    /// counts towards the contact's history all the same.
    /// </summary>
    public void Observe(InboundReply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        if (reply.Complaint)
        {
            RecordComplaint(reply.ContactId, reply.At);
        }
    }

    /// <summary>Which variant routes <paramref name="contactId"/>.</summary>
    public string VariantOf(string contactId) => Of(contactId).Name;

    /// <summary>The context to hand over with the reply's conversation, from what the router remembers now.</summary>
    public HandoffContext Handoff(InboundReply reply, string triggerSource, string? botTranscript)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var window = Of(reply.ContactId).Rules.ComplaintWindow;
        return new HandoffContext(
            triggerSource,
            reply.SequenceId,
            reply.Step,
            botTranscript,
            reply.LifetimeValue,
            ComplaintsWithin(reply.ContactId, window, reply.At),
            _touches.TryGet(reply.ConversationId, out var touches) ? touches : 0);
    }

    /// <summary>The rules in their order: senior, then the bot until escalation, then overflow.</summary>
    private static (RouteTier Tier, string QueueId, string Rule) Choose(
        RoutingRules rules, InboundReply reply, int complaints, int touches, bool isBotIntent)
    {
        if (reply.LifetimeValue > rules.SeniorLifetimeValue)
        {
            return (RouteTier.Senior, rules.SeniorQueueId, $"lifetime value {Words.Number(reply.LifetimeValue)} " +
                $"above {Words.Number(rules.SeniorLifetimeValue.Value)}");
        }

        if (complaints >= rules.SeniorComplaints)
        {
            return (RouteTier.Senior, rules.SeniorQueueId, $"{Words.Count(complaints, "complaint")} within " +
                $"{Words.Duration(rules.ComplaintWindow)}, at least {rules.SeniorComplaints}");
        }

        if (isBotIntent && touches < rules.EscalateAfterTouches)
        {
            return (RouteTier.Bot, rules.BotQueueId, $"intent '{reply.Intent}' is the bot's");
        }

        return isBotIntent
            ? (RouteTier.Overflow, rules.OverflowQueueId,
                $"escalated after {Words.Count(touches, "automated touch", "automated touches")}")
            : (RouteTier.Overflow, rules.OverflowQueueId, "no bot or senior rule matched");
    }

    private Variant Of(string contactId) =>
        _trial is not null && StableHash.Percentile(contactId) < _trialPercent ? _trial : _control;

    private void RecordComplaint(string contactId, DateTimeOffset at)
    {
        if (!_complaints.TryGet(contactId, out var times))
        {
            times = [];
        }

        // Only the newest few within the longest window can ever decide a rule.
        times.Add(at);
        times.Sort();
        times.RemoveAll(t => t <= at - _complaintsFor);
        if (times.Count > _complaintsKept)
        {
            times.RemoveRange(0, times.Count - _complaintsKept);
        }

        _complaints.Set(contactId, times);
    }

    private int ComplaintsWithin(string contactId, TimeSpan window, DateTimeOffset now) =>
        _complaints.TryGet(contactId, out var times) ? times.Count(t => t > now - window && t <= now) : 0;

    private sealed class Variant(string name, RoutingRules rules)
    {
        public string Name { get; } = name;

        public RoutingRules Rules { get; } = Valid(rules);

        public HashSet<string> BotIntents { get; } = new(rules.BotIntents, StringComparer.OrdinalIgnoreCase);

        private static RoutingRules Valid(RoutingRules rules)
        {
            var problems = rules.Validate().ToList();
            return problems.Count == 0 ? rules : throw new ArgumentException(string.Join(" ", problems), nameof(rules));
        }
    }
}
