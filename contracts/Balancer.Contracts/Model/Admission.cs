namespace Balancer.Contracts.Model;

/// <summary>A sequence's directive and the human work it may create, set by its tenant every period.</summary>
/// <param name="MinutesPerSend">Slot-minutes of human work one send creates; 0 while unmeasured.</param>
/// <param name="MinutesPerHour">The slot-minutes per hour the tenant's spare capacity allots it.</param>
[GenerateSerializer, Immutable, Alias("balancer.SequenceAllowance")]
public sealed record SequenceAllowance(SequenceDirective Directive, double MinutesPerSend, double MinutesPerHour);

/// <summary>A sequence's send admission: its price per send, its budget, and what it granted.</summary>
/// <param name="AvailableMinutes">What the budget holds now, up to the burst.</param>
/// <param name="Granted">Sends granted since the sequence's grain started.</param>
/// <param name="Deferred">Sends asked for and not granted since then; senders ask again for them.</param>
[GenerateSerializer, Immutable, Alias("balancer.AdmissionFigures")]
public sealed record AdmissionFigures(
    double MinutesPerSend, double MinutesPerHour, double AvailableMinutes, long Granted, long Deferred);

/// <summary>How many of the sends asked for may go now, and when to ask again for the rest.</summary>
/// <param name="RetryAfter">Null when everything asked was granted.</param>
[GenerateSerializer, Immutable, Alias("balancer.AdmissionResult")]
public sealed record AdmissionResult(int Granted, TimeSpan? RetryAfter, DirectiveGrade Grade, string Reason);
