namespace Balancer.Contracts.Model;

/// <summary>
/// A tenant's epoch: the generation of its in-memory figures. It moves on each time the figures are
/// rebuilt from the journal, so whatever was computed before the rebuild is refused after it.
/// </summary>
/// <param name="Recovering">The figures are being rebuilt, or must be: new batches wait.</param>
[GenerateSerializer, Immutable, Alias("balancer.EpochStatus")]
public readonly record struct EpochStatus(long Epoch, bool Recovering);

/// <summary>
/// The right to rebuild a tenant's figures: the holder replays the journal into the grains with
/// <paramref name="Epoch"/> and ends the rebuild with <paramref name="Token"/> before <paramref name="ExpiresAt"/>,
/// or renews it; past that another host may take the rebuild over.
/// </summary>
/// <param name="Token">The holder's id, as it asked for the lease with.</param>
[GenerateSerializer, Immutable, Alias("balancer.RecoveryLease")]
public sealed record RecoveryLease(Guid Token, long Epoch, DateTimeOffset ExpiresAt);

/// <summary>What the ingest gate made of a batch's event ids.</summary>
/// <param name="Epoch">The epoch whose grains the batch is for.</param>
/// <param name="Duplicates">Positions, in the list of ids claimed, of those seen before: they count once.</param>
[GenerateSerializer, Immutable, Alias("balancer.GateClaim")]
public sealed record GateClaim(long Epoch, IReadOnlyList<int> Duplicates);

/// <summary>
/// A batch's event id fingerprints (<c>EventIdHash</c>), packed eight bytes each so a claim carries one block
/// of bytes rather than a list of numbers.
/// </summary>
[GenerateSerializer, Immutable, Alias("balancer.EventIds")]
public sealed record EventIds([property: Id(0)] byte[] Packed)
{
    public int Count => Packed.Length / sizeof(ulong);

    public ReadOnlySpan<ulong> Span => System.Runtime.InteropServices.MemoryMarshal.Cast<byte, ulong>(Packed);

    public static EventIds From(ReadOnlySpan<ulong> ids) =>
        new(System.Runtime.InteropServices.MemoryMarshal.AsBytes(ids).ToArray());
}
