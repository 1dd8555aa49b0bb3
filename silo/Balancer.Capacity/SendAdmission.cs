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
    private readonly AdmissionOptions _options = options;

    public string SequenceId { get; } = sequenceId;

    /// <summary>The grade of the last directive, Normal before any.</summary>
    public Grade Grade => throw new NotImplementedException();

    /// <summary>Sends granted since the instance was made.</summary>
    public long GrantedTotal => throw new NotImplementedException();

    /// <summary>
    /// Sends asked for and not granted (so deferred) since the instance was made; a send asked for
    /// twice counts twice.
    /// </summary>
    public long DeferredTotal => throw new NotImplementedException();

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
        throw new NotImplementedException();
    }

    /// <summary>How many of <paramref name="count"/> sends of <paramref name="step"/> (from 1) may go now.</summary>
    public AdmissionGrant Admit(int step, int count, DateTimeOffset now)
    {
        throw new NotImplementedException();
    }

    /// <summary>The human minutes in the bucket at <paramref name="now"/>.</summary>
    public double AvailableMinutes(DateTimeOffset now)
    {
        throw new NotImplementedException();
    }
}
