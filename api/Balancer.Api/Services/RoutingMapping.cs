using Balancer.Contracts.Model;
using Proto = Balancer.Contracts.Api;

namespace Balancer.Api.Services;

/// <summary>Turns the dispatch grain's records into the messages of Routing and Assignments.</summary>
public static class RoutingMapping
{
    public static Proto.RoutingRules ToProto(this RoutingRuleSettings r)
    {
        var rules = new Proto.RoutingRules { SeniorQueueId = r.SeniorQueueId, OverflowQueueId = r.OverflowQueueId };
        rules.BotIntents.AddRange(r.BotIntents);
        if (r.EscalateAfterTouches is { } touches)
        {
            rules.EscalateAfterTouches = touches;
        }

        if (r.SeniorLifetimeValue is { } value)
        {
            rules.SeniorLifetimeValue = (double)value;
        }

        if (r.SeniorComplaints is { } complaints)
        {
            rules.SeniorComplaints = complaints;
        }

        if (r.ComplaintWindow is { } window)
        {
            rules.ComplaintWindowSeconds = (long)window.TotalSeconds;
        }

        return rules;
    }

    public static Proto.RoutingView ToProto(this RoutingReport report)
    {
        var view = new Proto.RoutingView { Board = report.Board.ToProto() };
        if (report.Settings is { } settings)
        {
            view.Control = settings.Control.ToProto();
            view.Trial = settings.Trial?.ToProto();
            view.TrialPercent = settings.TrialPercent;
        }

        view.Variants.AddRange(report.Variants.Select(ToProto));
        return view;
    }

    public static Proto.VariantResults ToProto(this VariantFigures v)
    {
        var results = new Proto.VariantResults
        {
            Variant = v.Variant, Routed = v.Routed, ToBot = v.ToBot, ToSenior = v.ToSenior,
            ToOverflow = v.ToOverflow, Breaches = v.Breaches, AnsweredInWindow = v.AnsweredInWindow,
        };
        if (v.BreachRate is { } rate)
        {
            results.BreachRate = rate;
        }

        if (v.FirstResponseP90Seconds is { } p90)
        {
            results.FirstResponseP90Seconds = p90;
        }

        return results;
    }

    public static Proto.BoardView ToProto(this BoardFigures b)
    {
        var view = new Proto.BoardView { Waiting = b.Waiting };
        foreach (var (queue, waiting) in b.WaitingByQueue)
        {
            view.WaitingByQueue[queue] = waiting;
        }
        if (b.OldestWaitSeconds is { } oldest)
        {
            view.OldestWaitSeconds = oldest;
        }

        view.Agents.AddRange(b.Agents.Select(a =>
        {
            var load = new Proto.AgentLoad
            {
                AgentId = a.AgentId, Tier = (Proto.AgentTier)(int)a.Tier, Online = a.Online, Assigned = a.Assigned,
                FreeSlots = a.FreeSlots, HandledToday = a.HandledToday, RemainingToday = a.RemainingToday,
            };
            if (a.EscalatedShare is { } share)
            {
                load.EscalatedShare = share;
            }

            return load;
        }));
        return view;
    }

    public static Proto.Offer ToProto(this ConversationOffer o) => new()
    {
        ConversationId = o.ConversationId,
        QueueId = o.QueueId,
        Priority = o.Priority,
        OfferedAtMs = o.At.ToUnixTimeMilliseconds(),
        AckByMs = o.AckBy.ToUnixTimeMilliseconds(),
        Attempt = o.Attempt,
        DeadlineMs = o.Deadline.ToUnixTimeMilliseconds(),
        Handoff = new Proto.Handoff
        {
            TriggerSource = o.Handoff.TriggerSource,
            SequenceId = o.Handoff.SequenceId,
            Step = o.Handoff.Step,
            BotTranscript = o.Handoff.BotTranscript,
            LifetimeValue = (double)o.Handoff.LifetimeValue,
            ComplaintCount = o.Handoff.ComplaintCount,
            AutomatedTouches = o.Handoff.AutomatedTouches,
        },
    };

    public static Proto.Receipt ToProto(this OfferReceipt r) =>
        new() { ConversationId = r.ConversationId, Accepted = r.Accepted, Reason = r.Reason };
}
