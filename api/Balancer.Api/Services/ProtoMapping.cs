using Balancer.Contracts.Model;
using Balancer.Grains;
using Proto = Balancer.Contracts.Api;

namespace Balancer.Api.Services;

/// <summary>Turns the grains' records into the messages of the public API, at the edge and nowhere else.</summary>
public static class ProtoMapping
{
    public static Proto.WindowedCount ToProto(this Counts c) =>
        new() { FifteenMinutes = c.FifteenMinutes, OneHour = c.OneHour, OneDay = c.OneDay };

    public static Proto.WindowedRate ToProto(this Rates r)
    {
        var rate = new Proto.WindowedRate();
        if (r.FifteenMinutes is { } m15)
        {
            rate.FifteenMinutes = m15;
        }

        if (r.OneHour is { } h1)
        {
            rate.OneHour = h1;
        }

        if (r.OneDay is { } d1)
        {
            rate.OneDay = d1;
        }

        return rate;
    }

    public static Proto.Warning ToProto(this LiveWarning w)
    {
        var warning = new Proto.Warning
        {
            Scope = w.Scope,
            SubjectId = w.SubjectId,
            Metric = (Proto.Metric)(int)w.Metric,
            Level = (Proto.Level)(int)w.Level,
            Value = w.Value,
            Threshold = w.Threshold,
            RaisedAtMs = w.RaisedAt.ToUnixTimeMilliseconds(),
            Message = w.Message,
        };
        if (w.PredictedBreachInSeconds is { } seconds)
        {
            warning.PredictedBreachInSeconds = seconds;
        }

        return warning;
    }

    public static Proto.Directive ToProto(this SequenceDirective d)
    {
        var proto = new Proto.Directive
        {
            SequenceId = d.SequenceId,
            Grade = d.Grade.ToProto(),
            PreviousGrade = d.PreviousGrade.ToProto(),
            StretchFactor = d.StretchFactor,
            Reason = d.Reason,
            DecidedAtMs = d.DecidedAt.ToUnixTimeMilliseconds(),
        };
        if (d.HoldUntil is { } until)
        {
            proto.HoldUntilMs = until.ToUnixTimeMilliseconds();
        }

        return proto;
    }

    public static Proto.StaffingView ToProto(this StaffingPlan plan)
    {
        var view = new Proto.StaffingView
        {
            ContractorCost = (double)plan.Advice.ContractorCost, AtMs = plan.At.ToUnixTimeMilliseconds(),
        };
        foreach (var h in plan.Advice.Hours)
        {
            var hour = new Proto.StaffingHour
            {
                QueueId = h.QueueId, StartMs = h.Start.ToUnixTimeMilliseconds(), HumanArrivals = h.HumanArrivals,
                Staffed = h.Staffed, Shortfall = h.Shortfall, Method = h.Method,
            };
            if (h.Needed is { } needed)
            {
                hour.Needed = needed;
            }

            view.Hours.Add(hour);
        }

        view.Contractors.AddRange(plan.Advice.Contractors.Select(c => new Proto.ContractorPlan
        {
            QueueId = c.QueueId, Contractors = c.Contractors, FromMs = c.From.ToUnixTimeMilliseconds(),
            UntilMs = c.Until.ToUnixTimeMilliseconds(), BookByMs = c.BookBy.ToUnixTimeMilliseconds(), Late = c.Late,
            ShiftsEach = c.ShiftsEach, Cost = (double)c.Cost,
        }));
        foreach (var c in plan.Costs)
        {
            var cost = new Proto.SequenceCost
            {
                SequenceId = c.SequenceId, Bot = (double)c.Bot, Human = (double)c.Human, Rework = (double)c.Rework,
                Total = (double)c.Total,
            };
            if (c.PerResolved is { } perResolved)
            {
                cost.PerResolved = (double)perResolved;
            }

            view.Costs.Add(cost);
        }

        return view;
    }

    /// <summary>The proto enum keeps 0 for unspecified, so each grade sits one above the model's.</summary>
    public static Proto.Grade ToProto(this DirectiveGrade grade) => (Proto.Grade)((int)grade + 1);

    public static Proto.TenantOverview ToProto(this TenantFigures t)
    {
        var overview = new Proto.TenantOverview
        {
            TenantId = t.TenantId,
            BreachRate = t.BreachRate.ToProto(),
            Met = t.Met.ToProto(),
            Breached = t.Breached.ToProto(),
            Sends = t.Sends.ToProto(),
            HumanReplies = t.HumanReplies.ToProto(),
            SendsPerHumanReply = t.SendsPerHumanReply.ToProto(),
            EscalationRate = t.EscalationRate.ToProto(),
            RepeatEngagement = t.RepeatEngagement.ToProto(),
        };
        overview.Warnings.AddRange(t.Warnings.Select(ToProto));
        overview.QueueIds.AddRange(t.Catalog.QueueIds.Order(StringComparer.Ordinal));
        overview.SequenceIds.AddRange(t.Catalog.SequenceSteps.Keys.Order(StringComparer.Ordinal));
        overview.AgentIds.AddRange(t.Catalog.AgentIds.Order(StringComparer.Ordinal));
        return overview;
    }

    public static Proto.QueueView ToProto(this QueueFigures q)
    {
        var view = new Proto.QueueView
        {
            QueueId = q.QueueId,
            DisplayName = q.DisplayName,
            ReplyWindowSeconds = q.ReplyWindowSeconds,
            Depth = q.Depth,
            Open = q.Open,
            FirstResponseP50Seconds = q.FirstResponseP50Seconds.ToProto(),
            FirstResponseP90Seconds = q.FirstResponseP90Seconds.ToProto(),
            BreachRate = q.BreachRate.ToProto(),
            Met = q.Met.ToProto(),
            Breached = q.Breached.ToProto(),
            FirstResponses = q.FirstResponses.ToProto(),
            Level = (Proto.Level)(int)q.Level,
            Opened = q.Opened.ToProto(),
            Live = q.Live,
        };
        if (q.OldestWaitSeconds is { } oldest)
        {
            view.OldestWaitSeconds = oldest;
        }

        if (q.NextBreachInSeconds is { } next)
        {
            view.NextBreachInSeconds = next;
        }

        if (q.TimeToClearSeconds is { } clear)
        {
            view.TimeToClearSeconds = clear;
        }

        return view;
    }

    public static Proto.SequenceView ToProto(this SequenceFigures s)
    {
        var view = new Proto.SequenceView
        {
            SequenceId = s.SequenceId,
            DisplayName = s.DisplayName,
            Channel = (Proto.Channel)(int)s.Channel,
            TriggerSource = s.TriggerSource,
            Urgent = s.Urgent,
            StepCount = s.StepCount,
            Total = s.Total.ToProto(),
            Entries = s.Entries.ToProto(),
            RepeatEntries = s.RepeatEntries.ToProto(),
        };
        view.Steps.AddRange(s.Steps.Select(ToProto));
        if (s.Admission is { } a)
        {
            view.Admission = new Proto.AdmissionView
            {
                MinutesPerSend = a.MinutesPerSend, MinutesPerHour = a.MinutesPerHour,
                AvailableMinutes = a.AvailableMinutes, Granted = a.Granted, Deferred = a.Deferred,
            };
        }

        return view;
    }

    public static Proto.StepFigures ToProto(this StepFigures f)
    {
        var step = new Proto.StepFigures
        {
            Step = f.Step,
            Sends = f.Sends.ToProto(),
            Replies = f.Replies.ToProto(),
            HumanReplies = f.HumanReplies.ToProto(),
            BotResolved = f.BotResolved.ToProto(),
            Escalated = f.Escalated.ToProto(),
            Conversions = f.Conversions.ToProto(),
            Breaches = f.Breaches.ToProto(),
            Resolved = f.Resolved.ToProto(),
            ReplyRate = f.ReplyRate.ToProto(),
            HumanShare = f.HumanShare.ToProto(),
        };
        foreach (var (channel, counts) in f.SendsByChannel)
        {
            step.SendsByChannel[channel.ToString().ToLowerInvariant()] = counts.ToProto();
        }

        return step;
    }

    public static Proto.AgentView ToProto(this AgentFigures a)
    {
        var view = new Proto.AgentView
        {
            AgentId = a.AgentId,
            DisplayName = a.DisplayName,
            Tier = (Proto.AgentTier)(int)a.Tier,
            Presence = a.Presence switch
            {
                Presence.Online => Proto.Presence.Online,
                Presence.Away => Proto.Presence.Away,
                _ => Proto.Presence.Offline,
            },
            Slots = a.Slots,
            SlotsInUse = a.SlotsInUse,
            DailyCeiling = a.DailyCeiling,
            RepliesToday = a.RepliesToday,
            FirstResponses = a.FirstResponses.ToProto(),
            Closures = a.Closures.ToProto(),
        };
        if (a.HandleSeconds is { } handle)
        {
            view.HandleSeconds = handle;
        }

        if (a.EscalatedShare is { } share)
        {
            view.EscalatedShare = share;
        }

        return view;
    }
}
