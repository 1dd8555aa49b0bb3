using System.Text;

namespace Balancer.Capacity;

/// <summary>
/// Hashes that are the same in every process and every run, unlike <see cref="string.GetHashCode()"/>,
/// so a contact lands in the same trial bucket on every silo and after every restart.
/// </summary>
public static class StableHash
{
    private const uint OffsetBasis = 2166136261;
    private const uint Prime = 16777619;

    /// <summary>32-bit FNV-1a over the UTF-8 bytes of <paramref name="text"/>.</summary>
    public static uint Fnv1a(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var length = Encoding.UTF8.GetMaxByteCount(text.Length);
        Span<byte> bytes = length <= 512 ? stackalloc byte[length] : new byte[length];
        bytes = bytes[..Encoding.UTF8.GetBytes(text, bytes)];

        var hash = OffsetBasis;
        foreach (var b in bytes)
        {
            hash = (hash ^ b) * Prime;
        }

        return hash;
    }

    /// <summary>The text's bucket from 0 to 99: its FNV-1a hash modulo 100.</summary>
    public static int Percentile(string text) => (int)(Fnv1a(text) % 100);
}
