using Balancer.Api.Hosting;
using Balancer.Contracts.Api;
using Balancer.Contracts.Model;
using Channel = Balancer.Contracts.Api.Channel;
using Presence = Balancer.Contracts.Api.Presence;

namespace Balancer.Api.Ingest;

/// <summary>Why one event was refused: the field, as a path from the event, and the reason.</summary>
/// <param name="UnknownReference">The event named an entity the catalog does not have.</param>
public readonly record struct EventProblem(string Field, string Reason, bool UnknownReference = false);

/// <summary>Checks one event against the schema, the limits and the tenant's catalog.</summary>
public readonly struct EventValidator(TenantCatalog catalog, ApiOptions options, DateTimeOffset now)
{
    /// <summary>The most bot answers an escalation may report; any real conversation has far fewer.</summary>
    public const int MaxAutomatedTouches = 1000;

    private static readonly long MaxUnixMs = DateTimeOffset.MaxValue.ToUnixTimeMilliseconds();

    public EventProblem? Check(Event e)
    {
        if (Fields.TextProblem(e.EventId, options.MaxEventIdLength) is { } idTooLong)
        {
            return new EventProblem("event_id", idTooLong);
        }

        if (e.EventId.Length == 0)
        {
            return new EventProblem("event_id", "is required");
        }

        if (TimeProblem(e.OccurredAtMs) is { } timeProblem)
        {
            return new EventProblem("occurred_at_ms", timeProblem);
        }

        return e.KindCase switch
        {
            Event.KindOneofCase.Send => Send(e.Send),
            Event.KindOneofCase.Reply => Reply(e.Reply),
            Event.KindOneofCase.BotResolved => Id("bot_resolved.conversation_id", e.BotResolved.ConversationId)
                ?? Step("bot_resolved", e.BotResolved.SequenceId, e.BotResolved.Step),
            Event.KindOneofCase.BotEscalated => Escalated(e.BotEscalated),
            Event.KindOneofCase.AgentResponse => Id("agent_response.conversation_id", e.AgentResponse.ConversationId)
                ?? Queue("agent_response.queue_id", e.AgentResponse.QueueId)
                ?? Agent("agent_response.agent_id", e.AgentResponse.AgentId),
            Event.KindOneofCase.ConversationResolved =>
                Id("conversation_resolved.conversation_id", e.ConversationResolved.ConversationId)
                ?? Queue("conversation_resolved.queue_id", e.ConversationResolved.QueueId),
            Event.KindOneofCase.AgentPresence => Agent("agent_presence.agent_id", e.AgentPresence.AgentId)
                ?? PresenceProblem(e.AgentPresence.Presence),
            Event.KindOneofCase.Conversion => Step("conversion", e.Conversion.SequenceId, e.Conversion.Step)
                ?? Id("conversion.contact_id", e.Conversion.ContactId),
            _ => new EventProblem("kind", "one of send, reply, bot_resolved, bot_escalated, agent_response, " +
                "conversation_resolved, agent_presence or conversion is required"),
        };
    }

    private EventProblem? Send(Send send) =>
        Step("send", send.SequenceId, send.Step)
        ?? Id("send.contact_id", send.ContactId)
        ?? (send.Channel is Channel.Email or Channel.Sms or Channel.Chat
            ? null
            : new EventProblem(
                "send.channel", $"must be CHANNEL_EMAIL, CHANNEL_SMS or CHANNEL_CHAT; it is {send.Channel}"));

    private EventProblem? Reply(Reply reply) =>
        Id("reply.conversation_id", reply.ConversationId)
        ?? Id("reply.contact_id", reply.ContactId)
        ?? Step("reply", reply.SequenceId, reply.Step)
        ?? ReplyQueue(reply)
        ?? Text("reply.intent", reply.Intent, options.MaxTextLength)
        ?? Amount("reply.lifetime_value", reply.LifetimeValue)
        ?? Text("reply.bot_transcript", reply.BotTranscript, options.MaxTranscriptLength);

    /// <summary>
    /// A reply names its queue unless a bot takes it or the tenant routes it. Without one, a catalog that
    /// does not say routed may just be older than the rules: it is read again before rejecting.
    /// </summary>
    private EventProblem? ReplyQueue(Reply reply) => reply.QueueId.Length > 0
        ? Queue("reply.queue_id", reply.QueueId)
        : reply.BotHandles || catalog.Routed
            ? (EventProblem?)null
            : new EventProblem(
                "reply.queue_id", "is required unless bot_handles is set or the tenant has routing rules", true);

    private EventProblem? Escalated(BotEscalated escalated) =>
        Id("bot_escalated.conversation_id", escalated.ConversationId)
        ?? Step("bot_escalated", escalated.SequenceId, escalated.Step)
        ?? Queue("bot_escalated.queue_id", escalated.QueueId)
        ?? Text("bot_escalated.bot_transcript", escalated.BotTranscript, options.MaxTranscriptLength)
        ?? Amount("bot_escalated.lifetime_value", escalated.LifetimeValue)
        ?? (escalated.AutomatedTouches is >= 0 and <= MaxAutomatedTouches
            ? (EventProblem?)null
            : new EventProblem("bot_escalated.automated_touches",
                $"must be from 0 to {MaxAutomatedTouches}; it is {escalated.AutomatedTouches}"))
        ?? (escalated.ContactId.Length == 0 ? null : Id("bot_escalated.contact_id", escalated.ContactId));

    private EventProblem? Step(string message, string sequenceId, int step)
    {
        var field = message + ".sequence_id";
        if (Id(field, sequenceId) is { } problem)
        {
            return problem;
        }

        if (!catalog.SequenceSteps.TryGetValue(sequenceId, out var steps))
        {
            return new EventProblem(field, $"no sequence '{sequenceId}' is configured for this tenant", true);
        }

        return step < 1 || step > steps
            ? new EventProblem(
                message + ".step", $"must be from 1 to {steps}, the steps of sequence '{sequenceId}'; it is {step}")
            : null;
    }

    private EventProblem? Queue(string field, string queueId) =>
        Id(field, queueId) ?? (catalog.QueueIds.Contains(queueId)
            ? null
            : new EventProblem(field, $"no queue '{queueId}' is configured for this tenant", true));

    private EventProblem? Agent(string field, string agentId) =>
        Id(field, agentId) ?? (catalog.AgentIds.Contains(agentId)
            ? null
            : new EventProblem(field, $"no agent '{agentId}' is configured for this tenant", true));

    private EventProblem? Id(string field, string value) =>
        Fields.IdProblem(value, options.MaxIdLength) is { } problem ? new EventProblem(field, problem) : null;

    private static EventProblem? Text(string field, string value, int maxLength) =>
        Fields.TextProblem(value, maxLength) is { } problem ? new EventProblem(field, problem) : null;

    private static EventProblem? Amount(string field, double value) =>
        Fields.AmountProblem(value) is { } problem ? new EventProblem(field, problem) : null;

    private static EventProblem? PresenceProblem(Presence presence) =>
        presence is Presence.Online or Presence.Offline or Presence.Away
            ? null
            : new EventProblem("agent_presence.presence",
                $"must be PRESENCE_ONLINE, PRESENCE_AWAY or PRESENCE_OFFLINE; it is {presence}");

    private string? TimeProblem(long unixMs)
    {
        if (unixMs <= 0)
        {
            return "is required, in milliseconds since the Unix epoch";
        }

        var latest = now + options.MaxClockSkew;
        if (unixMs > MaxUnixMs || DateTimeOffset.FromUnixTimeMilliseconds(unixMs) > latest)
        {
            return $"is ahead of the server's clock by more than the allowed {options.MaxClockSkew}";
        }

        var at = DateTimeOffset.FromUnixTimeMilliseconds(unixMs);
        return now - at > options.MaxEventAge
            ? $"is {(now - at).TotalHours:F1} hours old; events older than {options.MaxEventAge} are rejected"
            : null;
    }
}
