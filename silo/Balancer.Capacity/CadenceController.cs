using System.Globalization;

namespace Balancer.Capacity;

/// <summary>What a sequence may do, from untouched to stopped; each grade includes the ones below it.</summary>
public enum Grade
{
    Normal = 0,

    /// <summary>No new contacts enter; those already in go on.</summary>
    BlockEnrolments = 1,

    /// <summary>Delays between steps grow by the stretch factor.</summary>
    Stretch = 2,

    /// <summary>No step goes out until the hold ends.</summary>
    Hold = 3,

    /// <summary>Nothing goes out until the grade eases.</summary>
    Pause = 4,
}

/// <summary>The controller's word on one sequence.</summary>
/// <param name="StretchFactor">1 unless the grade is Stretch or above.</param>
/// <param name="HoldUntil">Set from Hold up.</param>
/// <param name="Changed">The grade differs from the previous decision's.</param>
public sealed record CadenceDirective(
    string SequenceId, Grade Grade, double StretchFactor, DateTimeOffset? HoldUntil, string Reason, bool Changed);

/// <summary>
/// Decides each sequence's grade from the tenant's pressure. The breach level asks the sequences
/// that make the most human work and convert least (the first <see cref="CadenceOptions.ThrottleShare"/>)
/// for a grade: warn blocks enrolments, high stretches, critical pauses. Two looks ahead ask them
/// to block enrolments before any breach shows: a queue whose time to clear is past its reply
/// window, and a <see cref="LookAhead"/> in which the work already committed fills what the staffed
/// team can take inside the window the sequences' replies will land in. A sequence climbs one
/// grade per decision towards what is asked, so action is graded, and stops climbing while every
/// queue's breach rate is falling, so a throttle already working is not made harsher; it eases one
/// grade at a time only after pressure has stayed off for <see cref="CadenceOptions.EaseAfter"/>
/// plus its own jitter, so it never flaps and released sequences do not resume together.
/// </summary>
/// <remarks>
/// Two guards act on every throttleable sequence whatever its rank: too many sends per human
/// reply blocks enrolments, and a live chat wait past the limit holds those that feed chat.
/// Urgent sequences are left alone unless <see cref="CadenceOptions.ProtectUrgent"/> is off.
/// The finer lever is the budget: <see cref="LookAhead.Budgets"/> shares the spare human minutes
/// out for <see cref="SendAdmission"/>. Not thread-safe; one tenant's grain owns an instance.
/// </remarks>
public sealed class CadenceController(CadenceOptions options, Random random)
{
    private readonly Dictionary<string, Track> _tracks = new(StringComparer.Ordinal);

    public IReadOnlyList<CadenceDirective> Decide(CadenceInput input)
    {
        var asked = Asked(input);
        var easing = Improving(input);
        var directives = new List<CadenceDirective>(input.Sequences.Count);
        foreach (var sequence in input.Sequences)
        {
            if (!_tracks.TryGetValue(sequence.SequenceId, out var track))
            {
                track = new Track(input.Now, random.NextDouble() * options.EaseJitter);
                _tracks.Add(sequence.SequenceId, track);
            }

            var (grade, reason, immediate) = asked.GetValueOrDefault(sequence.SequenceId, (Grade.Normal, "", false));
            var previous = track.Grade;
            if (grade >= track.Grade)
            {
                // Pressure holds or grows: climb one grade a decision (a guard jumps straight to its
                // grade, and a breach rate on its way down holds the climb), and restart the easing clock.
                track.Grade = grade == track.Grade ? grade
                    : immediate ? grade
                    : easing && track.Grade > Grade.Normal ? track.Grade
                    : track.Grade + 1;
                track.CalmSince = input.Now;
                track.Reason = reason;
                track.ByPressure = grade > Grade.Normal && !immediate;
            }
            else if (input.Now - track.CalmSince >= options.EaseAfter * (1 + track.Jitter))
            {
                track.Grade--;
                track.CalmSince = input.Now;
                track.ByPressure &= track.Grade > Grade.Normal;
                track.Reason = track.Grade == Grade.Normal ? "" : $"easing after {options.EaseAfter} without pressure";
            }

            if (track.Grade >= Grade.Hold &&
                (previous < Grade.Hold || track.HoldUntil is not { } until || input.Now >= until))
            {
                track.HoldUntil = input.Now + options.HoldFor;
            }
            else if (track.Grade < Grade.Hold)
            {
                track.HoldUntil = null;
            }

            directives.Add(new CadenceDirective(
                sequence.SequenceId, track.Grade, track.Grade >= Grade.Stretch ? options.StretchFactor : 1.0,
                track.HoldUntil, track.Reason, track.Grade != previous));
        }

        return directives;
    }

    /// <summary>The grade each sequence is asked for now, with the reason, before climbing and easing.</summary>
    private Dictionary<string, (Grade Grade, string Reason, bool Immediate)> Asked(CadenceInput input)
    {
        var asked = new Dictionary<string, (Grade, string, bool)>(StringComparer.Ordinal);
        var throttleable = input.Sequences.Where(s => !s.Urgent || !options.ProtectUrgent).ToList();
        var (pressure, why) = Pressure(input);
        if (pressure > Grade.Normal && throttleable.Count > 0)
        {
            var handle = HandleTime(input);

            // Those the pressure already throttles stay in the set, so it does not churn as ranks move.
            var chosen = ThrottleFirst(throttleable, handle, options).Concat(throttleable.Where(
                s => _tracks.TryGetValue(s.SequenceId, out var t) && t.ByPressure));
            foreach (var s in chosen)
            {
                var work = RepliesAhead(s, handle).ToString("F1", CultureInfo.InvariantCulture);
                asked[s.SequenceId] = (
                    pressure, $"{why}; among those making the most human work ({work} an hour)", false);
            }
        }

        foreach (var s in throttleable)
        {
            if (input.SendsRatioExceeded)
            {
                Raise(asked, s.SequenceId, Grade.BlockEnrolments, "automated sends per human reply past the limit");
            }

            if (s.FeedsChat && input.LiveChatWait > options.LiveWaitLimit)
            {
                var wait = input.LiveChatWait.Value.TotalSeconds.ToString("F0", CultureInfo.InvariantCulture);
                var limit = options.LiveWaitLimit.TotalSeconds.ToString("F0", CultureInfo.InvariantCulture);
                Raise(asked, s.SequenceId, Grade.Hold, $"live chat wait {wait} s past the limit of {limit} s");
            }
        }

        return asked;
    }

    /// <summary>
    /// The first <see cref="CadenceOptions.ThrottleShare"/> of <paramref name="throttleable"/>, at
    /// least one: the most human work first, then the lowest conversion, then by id.
    /// </summary>
    internal static IEnumerable<SequenceSignal> ThrottleFirst(
        IReadOnlyList<SequenceSignal> throttleable, TimeSpan handle, CadenceOptions options)
    {
        var count = throttleable.Count == 0
            ? 0
            : Math.Max(1, (int)Math.Ceiling(options.ThrottleShare * throttleable.Count));
        return throttleable
            .OrderByDescending(s => RepliesAhead(s, handle))
            .ThenBy(s => s.ConversionRate ?? 0)
            .ThenBy(s => s.SequenceId, StringComparer.Ordinal)
            .Take(count);
    }

    /// <summary>
    /// Human replies an hour: those it makes now, or those its planned sends would make if more, so a
    /// sequence about to send much ranks by what it is about to do.
    /// </summary>
    private static double RepliesAhead(SequenceSignal s, TimeSpan handle) =>
        Math.Max(s.HumanRepliesPerHour, s.DemandMinutesPerHour / handle.TotalMinutes);

    private TimeSpan HandleTime(CadenceInput input) =>
        input.Team?.HandleTime is { } measured && measured > TimeSpan.Zero ? measured : options.AssumedHandleTime;

    /// <summary>The strongest grade the tenant's state asks of the throttle set, with its reason.</summary>
    private (Grade Grade, string Reason) Pressure(CadenceInput input)
    {
        var level = input.BreachLevel switch
        {
            Severity.Warn => Grade.BlockEnrolments,
            Severity.High => Grade.Stretch,
            Severity.Critical => Grade.Pause,
            _ => Grade.Normal,
        };
        if (level > Grade.Normal)
        {
            return (level, $"breach level {input.BreachLevel.ToString().ToLowerInvariant()}");
        }

        var inv = CultureInfo.InvariantCulture;
        foreach (var q in input.Queues ?? [])
        {
            if (!q.Chat && q.Waiting > 0 && q.TimeToClear is { } clear && clear > q.ReplyWindow)
            {
                return (Grade.BlockEnrolments, string.Create(inv,
                    $"queue {q.QueueId} clears in {clear.TotalHours:F1} h, " +
                    $"past its {q.ReplyWindow.TotalHours:0.#} h window"));
            }
        }

        var lag = LookAhead.TypicalLag(input.Sequences.Where(s => !s.Urgent || !options.ProtectUrgent));
        return LookAhead.Of(input, options) is { DemandMinutesPerHour: > 0, Short: true } ahead
            ? (Grade.BlockEnrolments, ahead.Describe(lag))
            : (Grade.Normal, "");
    }

    /// <summary>Every queue with a known trend has a breach rate on its way down.</summary>
    private static bool Improving(CadenceInput input) =>
        input.Queues?.Where(q => q.BreachTrend is not null).ToList() is { Count: > 0 } known &&
        known.All(q => q.BreachTrend < 0);

    /// <summary>A guard's request: at least this grade, at once.</summary>
    private static void Raise(
        Dictionary<string, (Grade Grade, string Reason, bool Immediate)> asked, string id, Grade grade, string reason)
    {
        if (!asked.TryGetValue(id, out var known) || known.Grade < grade)
        {
            asked[id] = (grade, reason, true);
        }
    }

    private sealed class Track(DateTimeOffset calmSince, double jitter)
    {
        public Grade Grade { get; set; }

        public DateTimeOffset CalmSince { get; set; } = calmSince;

        public double Jitter { get; } = jitter;

        public DateTimeOffset? HoldUntil { get; set; }

        public string Reason { get; set; } = "";

        /// <summary>Throttled for the tenant's pressure, not only by a guard.</summary>
        public bool ByPressure { get; set; }
    }
}
