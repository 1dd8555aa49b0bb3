using Balancer.Capacity;
using Balancer.Contracts.Model;

namespace Balancer.Grains;

/// <summary>Turns a tenant's live figures into what its cadence controller decides on.</summary>
internal static class CadenceSignals
{
    /// <summary>
    /// The breach level is the worse of the tenant's and its worst queue's, so one overrun queue acts
    /// before it moves the tenant's rate; the live-chat wait is the oldest wait across live queues.
    /// </summary>
    public static CadenceInput Build(
        DateTimeOffset now,
        Severity tenantBreachLevel,
        Severity sendsLevel,
        IReadOnlyCollection<QueueFigures> queues,
        IReadOnlyCollection<SequenceFigures> sequences)
    {
        var breachLevel = queues.Select(q => q.Level.ToSeverity()).Append(tenantBreachLevel).Max();
        var liveWaits = queues.Where(q => q.Live && q.OldestWaitSeconds is not null)
            .Select(q => q.OldestWaitSeconds!.Value)
            .ToList();
        TimeSpan? liveWait = liveWaits.Count == 0 ? null : TimeSpan.FromSeconds(liveWaits.Max());
        var signals = sequences
            .OrderBy(s => s.SequenceId, StringComparer.Ordinal)
            .Select(Signal)
            .ToList();
        return new CadenceInput(now, breachLevel, sendsLevel >= Severity.Warn, liveWait, signals);
    }

    /// <summary>Human replies over the last hour; conversion over the day's sends, unknown before any.</summary>
    private static SequenceSignal Signal(SequenceFigures s)
    {
        var sends = s.Total.Sends.OneDay;
        double? conversion = sends == 0 ? null : (double)s.Total.Conversions.OneDay / sends;
        var feedsChat = s.Channel == Contracts.Model.Channel.Chat;
        return new SequenceSignal(s.SequenceId, s.Urgent, feedsChat, s.Total.HumanReplies.OneHour, conversion);
    }
}
