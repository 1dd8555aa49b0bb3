using Balancer.Capacity;

namespace Balancer.Simulation;

/// <summary>
/// Where customers' messages land: the router picks the tier, the bot answers tier 1 and either
/// resolves the conversation or, after its allowed touches, hands it to a human at the desk.
/// </summary>
internal sealed class Intake(RunContext context, Desk desk)
{
    private readonly Router _router = new(context.Scenario.Routing, null, 0);
    private readonly Router? _chatRouter =
        context.Scenario.ChatRouting is { } chat ? new Router(chat, null, 0) : null;
    private readonly Dictionary<string, IntentSpec> _intents =
        context.Scenario.Intents.ToDictionary(i => i.Name, StringComparer.Ordinal);

    /// <summary>Customers' messages still to come after a bot's answer.</summary>
    public int Pending { get; private set; }

    /// <summary>The customer writes: the first message opens the conversation, later ones answer the bot.</summary>
    public void Message(SimConversation c)
    {
        var chat = c.Channel == Channel.Chat;
        var router = chat ? _chatRouter! : _router;
        var rules = chat ? context.Scenario.ChatRouting! : context.Scenario.Routing;
        var now = context.Now;
        var reply = new InboundReply(
            c.Id, c.ContactId, c.Source.SequenceId, c.Source.Step, c.Draw.Intent, c.LifetimeValue,
            c.Draw.Complaint && c.Messages == 0, now);
        c.Messages++;
        var decision = router.Route(reply);
        var index = context.SequenceIndex(c.Source);
        var ledger = index >= 0 ? context.Sequences[index] : null;
        var activity = context.Tally.BySource[index >= 0 ? index : ^1];
        var human = decision.Tier != RouteTier.Bot;
        if (c.Messages == 1)
        {
            ledger?.RecordReply(c.Source.Step, human, now);
            if (human && index >= 0)
            {
                context.Tally.HumanReplies[index]++;
            }
            context.Tenant.Record(new TenantActivity(0, human ? 1 : 0, human ? 0 : 1, 0, 0, 0, 0, 0), now);
        }

        if (!human)
        {
            c.Touches++;
            activity.BotTouches++;
            if (ResolvedAtTouch(c, rules.EscalateAfterTouches) == c.Touches)
            {
                ledger?.RecordBotResolved(c.Source.Step, now);
                activity.Resolved++;
            }
            else
            {
                Pending++;
                context.Loop.After(context.Scenario.Bot.TouchTime, () =>
                {
                    Pending--;
                    Message(c);
                });
            }

            return;
        }

        if (c.Escalated)
        {
            ledger?.RecordEscalated(c.Source.Step, now);
            if (index >= 0)
            {
                context.Tally.HumanReplies[index]++;
            }
            context.Tenant.Record(new TenantActivity(0, 1, 0, 1, 0, 0, 0, 0), now);
            activity.Escalations++;
        }

        var transcript = c.Escalated ? $"bot answered {c.Touches} times about {c.Draw.Intent}" : null;
        desk.Open(c, decision, router.Handoff(reply, c.Trigger, transcript));
    }

    /// <summary>
    /// The bot touch that resolves the conversation, or null if none of the allowed ones does. Each
    /// touch resolves with the same chance, chosen so that the allowed touches together resolve the
    /// intent's <see cref="IntentSpec.BotResolves"/> share.
    /// </summary>
    private int? ResolvedAtTouch(SimConversation c, int allowed)
    {
        var share = _intents[c.Draw.Intent].BotResolves;
        if (c.Draw.BotDraw >= share)
        {
            return null;
        }

        var perTouch = 1 - Math.Pow(1 - share, 1.0 / allowed);
        var touch = (int)Math.Ceiling(Math.Log(1 - c.Draw.BotDraw) / Math.Log(1 - perTouch));
        return Math.Clamp(touch, 1, allowed);
    }
}
