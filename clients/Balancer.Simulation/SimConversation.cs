using Balancer.Capacity;

namespace Balancer.Simulation;

/// <summary>One conversation as the simulation plays it, from the first message to its resolution.</summary>
internal sealed class SimConversation(
    string id, string contactId, decimal lifetimeValue, Channel channel, Attribution source, string trigger,
    ConversationDraw draw)
{
    public string Id { get; } = id;

    public string ContactId { get; } = contactId;

    public decimal LifetimeValue { get; } = lifetimeValue;

    public Channel Channel { get; } = channel;

    public Attribution Source { get; } = source;

    public string Trigger { get; } = trigger;

    public ConversationDraw Draw { get; } = draw;

    /// <summary>The customer's messages so far; the first opens the conversation.</summary>
    public int Messages { get; set; }

    /// <summary>The bot's answers so far.</summary>
    public int Touches { get; set; }

    public bool Escalated => Touches > 0;

    public string QueueId { get; set; } = "";

    /// <summary>The agent it is offered to or held by; null while it waits.</summary>
    public string? AgentId { get; set; }

    /// <summary>The attempt of the offer that stands; a response planned for an older one is void.</summary>
    public int Attempt { get; set; }

    public DateTimeOffset OfferedAt { get; set; }

    public bool Answered { get; set; }
}
