namespace Balancer.Contracts.Model;

/// <summary>The balancer's word on one sequence, as decided by its tenant's cadence controller.</summary>
/// <param name="StretchFactor">1 below <see cref="DirectiveGrade.Stretch"/>.</param>
/// <param name="HoldUntil">Set from <see cref="DirectiveGrade.Hold"/> up.</param>
/// <param name="Reason">Why, in words and figures; empty at <see cref="DirectiveGrade.Normal"/>.</param>
[GenerateSerializer, Immutable, Alias("balancer.SequenceDirective")]
public sealed record SequenceDirective(
    string TenantId,
    string SequenceId,
    DirectiveGrade Grade,
    DirectiveGrade PreviousGrade,
    double StretchFactor,
    DateTimeOffset? HoldUntil,
    string Reason,
    DateTimeOffset DecidedAt);

/// <summary>A tenant's directives now, and the changes that led to them, newest first.</summary>
/// <param name="Current">One per sequence the controller has decided on, ordered by sequence id.</param>
/// <param name="History">The latest changes, newest first, up to the configured length.</param>
[GenerateSerializer, Immutable, Alias("balancer.DirectiveReport")]
public sealed record DirectiveReport(
    string TenantId,
    IReadOnlyList<SequenceDirective> Current,
    IReadOnlyList<SequenceDirective> History,
    DateTimeOffset At);
