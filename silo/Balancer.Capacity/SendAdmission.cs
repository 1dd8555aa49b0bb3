using System.Globalization;
using System.Runtime.CompilerServices;

namespace Balancer.Capacity;

/// <summary>
/// Decides, for one sequence, how many sends of a step may go now and when the sender should ask
/// again for the rest, from the sequence's cadence directive and its budget of human minutes.
/// </summary>
/// <remarks>
/// <para>
/// Each grade includes the ones below it: Pause grants nothing; Hold grants nothing until
/// <see cref="CadenceDirective.HoldUntil"/> and is a Stretch after it; Stretch divides the budget by
/// the directive's stretch factor and blocks enrolments; BlockEnrolments grants nothing to step 1,
/// a new contact entering, and lets later steps go on.
/// </para>
/// <para>
/// Otherwise a token bucket of human minutes bounds the grants: it refills at the budget's minutes
/// per hour (divided by the stretch factor), holds at most <see cref="AdmissionOptions.Burst"/> of
/// that rate, and starts full at the first <see cref="Update"/>. A request gets
/// <c>min(count, floor(tokens / minutesPerSend))</c> and is told when the next send's minutes will be
/// there. A single send that costs more than the bucket holds still goes once the bucket is full, so
/// nothing waits forever. Sends whose minutes are negligible are not bounded by the budget.
/// </para>
/// <para>
/// Until the first <see cref="Update"/> nothing is granted. Not thread-safe; one sequence's grain
/// owns an instance.
/// </para>
/// </remarks>
public sealed class SendAdmission(string sequenceId, AdmissionOptions options)
{
    // Floating point may leave a refilled bucket a hair short of the send it was timed for; a
    // millionth of a send is given the benefit of the doubt.
    private const double Tolerance = 1e-6;

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The furthest a retry is put off.</summary>
    private static readonly TimeSpan MaxRetry = TimeSpan.FromDays(1);

    private CadenceDirective? _directive;
    private double _minutesPerSend;
    private double _minutesPerHour;
    private double _tokens;
    private DateTimeOffset _filledAt;

    public string SequenceId { get; } = sequenceId;

    /// <summary>The grade of the last directive, Normal before any.</summary>
    public Grade Grade => _directive?.Grade ?? Grade.Normal;

    /// <summary>Sends granted since the instance was made.</summary>
    public long GrantedTotal { get; private set; }

    /// <summary>
    /// Sends asked for and not granted (so deferred) since the instance was made; a send asked for
    /// twice counts twice.
    /// </summary>
    public long DeferredTotal { get; private set; }

    /// <summary>
    /// Takes a new directive and budget, after refilling the bucket up to <paramref name="now"/> at the
    /// old rate.
    /// </summary>
    /// <param name="humanMinutesPerSend">Reply rate × human share × measured handle time of this sequence.</param>
    /// <param name="humanMinutesPerHour">
    /// The human capacity the tenant allots to this sequence inside its reply window.
    /// </param>
    public void Update(
        CadenceDirective directive, double humanMinutesPerSend, double humanMinutesPerHour, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(directive);
        ThrowIfNegativeOrNaN(humanMinutesPerSend);
        ThrowIfNegativeOrNaN(humanMinutesPerHour);
        var first = _directive is null;
        Refill(now);

        _directive = directive;
        _minutesPerSend = humanMinutesPerSend;
        _minutesPerHour = humanMinutesPerHour;
        _tokens = first ? Capacity() : Math.Min(_tokens, Capacity());
        _filledAt = first ? now : _filledAt;
    }

    /// <summary>How many of <paramref name="count"/> sends of <paramref name="step"/> (from 1) may go now.</summary>
    public AdmissionGrant Admit(int step, int count, DateTimeOffset now)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(step, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var grant = Decide(step, count, now);
        GrantedTotal += grant.Granted;
        DeferredTotal += count - grant.Granted;
        return grant;
    }

    /// <summary>The human minutes in the bucket at <paramref name="now"/>.</summary>
    public double AvailableMinutes(DateTimeOffset now)
    {
        Refill(now);
        return _tokens;
    }

    private AdmissionGrant Decide(int step, int count, DateTimeOffset now)
    {
        if (_directive is not { } directive)
        {
            return new AdmissionGrant(0, options.BlockedRetry, Grade.Normal, "no directive yet");
        }

        Refill(now);
        var grade = directive.Grade;
        if (count == 0)
        {
            return new AdmissionGrant(0, null, grade, "nothing asked");
        }

        if (grade == Grade.Pause)
        {
            return new AdmissionGrant(0, options.BlockedRetry, grade, "paused");
        }

        if (grade == Grade.Hold && directive.HoldUntil is { } until && until > now)
        {
            return new AdmissionGrant(0, until - now, grade, $"held until {until.ToString("O", Inv)}");
        }

        if (grade >= Grade.BlockEnrolments && step == 1)
        {
            return new AdmissionGrant(0, options.BlockedRetry, grade, "enrolments blocked");
        }

        if (_minutesPerSend <= options.NegligibleMinutesPerSend)
        {
            return new AdmissionGrant(count, null, grade, "its sends create no human work");
        }

        var granted = (int)Math.Min(count, Math.Floor((_tokens / _minutesPerSend) + Tolerance));
        _tokens = Math.Max(0, _tokens - (granted * _minutesPerSend));
        var rate = Rate();
        var stretched = Stretched ? string.Create(Inv, $" (stretched by {directive.StretchFactor:F1})") : "";
        var reason = string.Create(
            Inv, $"{granted} of {count} within the budget of {rate:F1} human minutes an hour{stretched} " +
            $"at {_minutesPerSend:F2} a send");
        if (granted == count)
        {
            return new AdmissionGrant(granted, null, grade, reason);
        }

        // Rounded up to the millisecond, so that asking again at that moment finds the minutes there;
        // a budget so small that the next send is further off than a day is asked about again in a
        // day, by when the budget has been decided afresh many times.
        var milliseconds = Math.Min((_minutesPerSend - _tokens) / rate * 3_600_000, MaxRetry.TotalMilliseconds);
        var retry = rate > 0 ? TimeSpan.FromMilliseconds(Math.Ceiling(milliseconds - Tolerance)) : options.BlockedRetry;
        return new AdmissionGrant(granted, retry, grade, reason);
    }

    private bool Stretched => _directive?.Grade >= Grade.Stretch;

    /// <summary>Minutes per hour the bucket refills with under the current grade.</summary>
    private double Rate() => Stretched ? _minutesPerHour / Math.Max(1, _directive!.StretchFactor) : _minutesPerHour;

    /// <summary>The bucket's size: the burst at the current rate, and never too small for one send.</summary>
    private double Capacity()
    {
        var rate = Rate();
        return rate > 0 ? Math.Max(rate * options.Burst.TotalHours, _minutesPerSend) : 0;
    }

    private void Refill(DateTimeOffset now)
    {
        if (_directive is null || now <= _filledAt)
        {
            return;
        }

        _tokens = Math.Min(Capacity(), _tokens + (Rate() * (now - _filledAt).TotalHours));
        _filledAt = now;
    }

    private static void ThrowIfNegativeOrNaN(
        double value, [CallerArgumentExpression(nameof(value))] string? name = null)
    {
        if (value < 0 || !double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(name, value, "Must be a finite number, 0 or more.");
        }
    }
}
