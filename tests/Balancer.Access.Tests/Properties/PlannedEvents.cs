using Balancer.Contracts.Api;
using Channel = Balancer.Contracts.Api.Channel;
using Presence = Balancer.Contracts.Api.Presence;

namespace Balancer.Access.Tests.Properties;

/// <summary>The prefix and the time a run gives one case: its conversations' ids are its own.</summary>
public sealed record CaseScope(string Tag, long NowMs)
{
    public string Conversation(string local) => $"{Tag}-{local}";
}

/// <summary>
/// A valid event of a generated batch before the run gives it its ids and its time, which is
/// <see cref="OffsetMs"/> from Balancer's clock. Conversations have local names, made the case's own by the run;
/// a response or a resolution names a conversation its case opened before it in the same queue.
/// </summary>
public abstract record Planned(long OffsetMs)
{
    /// <summary>The entities of the catalog whose views this event may change.</summary>
    public abstract IEnumerable<EntityRef> Touches();

    public Event Build(string eventId, CaseScope scope)
    {
        var e = new Event { EventId = eventId, OccurredAtMs = scope.NowMs + OffsetMs };
        Fill(e, scope);
        return e;
    }

    protected abstract void Fill(Event e, CaseScope scope);

    protected static EntityRef Queue(string id) => new(EntityKind.Queue, id);

    protected static EntityRef Sequence(string id) => new(EntityKind.Sequence, id);

    protected static EntityRef Agent(string id) => new(EntityKind.Agent, id);
}

public sealed record PlannedSend(long OffsetMs, string SequenceId, int Step, string Contact, Channel Channel)
    : Planned(OffsetMs)
{
    public override IEnumerable<EntityRef> Touches() => [Sequence(SequenceId)];

    protected override void Fill(Event e, CaseScope scope) =>
        e.Send = new Send { SequenceId = SequenceId, Step = Step, ContactId = Contact, Channel = Channel };
}

/// <summary>A reply to a human queue, or to the bot when <see cref="Bot"/> is set.</summary>
public sealed record PlannedReply(
    long OffsetMs, string Conversation, string Contact, string SequenceId, int Step, string QueueId, bool Bot,
    string Intent, double Value, bool Complaint, int TranscriptLength) : Planned(OffsetMs)
{
    public override IEnumerable<EntityRef> Touches() =>
        QueueId.Length > 0 ? [Sequence(SequenceId), Queue(QueueId)] : [Sequence(SequenceId)];

    protected override void Fill(Event e, CaseScope scope) => e.Reply = new Reply
    {
        ConversationId = scope.Conversation(Conversation), ContactId = Contact, SequenceId = SequenceId, Step = Step,
        QueueId = QueueId, BotHandles = Bot, Intent = Intent, LifetimeValue = Value, Complaint = Complaint,
        BotTranscript = Transcript(TranscriptLength),
    };

    /// <summary>A transcript of the given length, printed in a failure's report by its length alone.</summary>
    public static string Transcript(int length) =>
        string.Concat(Enumerable.Repeat("bot: hello\n", (length / 11) + 1))[..length];
}

public sealed record PlannedBotResolved(long OffsetMs, string Conversation, string SequenceId, int Step)
    : Planned(OffsetMs)
{
    public override IEnumerable<EntityRef> Touches() => [Sequence(SequenceId)];

    protected override void Fill(Event e, CaseScope scope) => e.BotResolved = new BotResolved
    {
        ConversationId = scope.Conversation(Conversation), SequenceId = SequenceId, Step = Step,
    };
}

public sealed record PlannedEscalated(
    long OffsetMs, string Conversation, string SequenceId, int Step, string QueueId, int AutomatedTouches,
    double Value, string Contact, int TranscriptLength) : Planned(OffsetMs)
{
    public override IEnumerable<EntityRef> Touches() => [Sequence(SequenceId), Queue(QueueId)];

    protected override void Fill(Event e, CaseScope scope) => e.BotEscalated = new BotEscalated
    {
        ConversationId = scope.Conversation(Conversation), SequenceId = SequenceId, Step = Step, QueueId = QueueId,
        AutomatedTouches = AutomatedTouches, LifetimeValue = Value, ContactId = Contact,
        BotTranscript = PlannedReply.Transcript(TranscriptLength),
    };
}

public sealed record PlannedResponse(long OffsetMs, string Conversation, string QueueId, string AgentId)
    : Planned(OffsetMs)
{
    public override IEnumerable<EntityRef> Touches() => [Queue(QueueId), Agent(AgentId)];

    protected override void Fill(Event e, CaseScope scope) => e.AgentResponse = new AgentResponse
    {
        ConversationId = scope.Conversation(Conversation), QueueId = QueueId, AgentId = AgentId,
    };
}

/// <summary>A resolution; the agent who answered the conversation, if any, gets the closure.</summary>
public sealed record PlannedResolved(long OffsetMs, string Conversation, string QueueId) : Planned(OffsetMs)
{
    /// <remarks>It reaches the sequence and the agent of its conversation too, which its case names.</remarks>
    public override IEnumerable<EntityRef> Touches() => [Queue(QueueId)];

    protected override void Fill(Event e, CaseScope scope) => e.ConversationResolved = new ConversationResolved
    {
        ConversationId = scope.Conversation(Conversation), QueueId = QueueId,
    };
}

public sealed record PlannedPresence(long OffsetMs, string AgentId, Presence Presence) : Planned(OffsetMs)
{
    public override IEnumerable<EntityRef> Touches() => [Agent(AgentId)];

    protected override void Fill(Event e, CaseScope scope) =>
        e.AgentPresence = new AgentPresence { AgentId = AgentId, Presence = Presence };
}

public sealed record PlannedConversion(long OffsetMs, string SequenceId, int Step, string Contact) : Planned(OffsetMs)
{
    public override IEnumerable<EntityRef> Touches() => [Sequence(SequenceId)];

    protected override void Fill(Event e, CaseScope scope) =>
        e.Conversion = new Conversion { SequenceId = SequenceId, Step = Step, ContactId = Contact };
}
