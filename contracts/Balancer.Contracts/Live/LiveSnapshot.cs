using Balancer.Contracts.Model;

namespace Balancer.Contracts.Live;

/// <summary>Queue and sequence figures for a live view; on join, also the tenant's current warnings.</summary>
public sealed record LiveSnapshot(
    string TenantId,
    IReadOnlyList<QueueFigures> Queues,
    IReadOnlyList<SequenceFigures> Sequences,
    IReadOnlyList<LiveWarning> Warnings,
    IReadOnlyList<SequenceDirective> Directives);
