using System.IO.Hashing;
using System.Text;

namespace Balancer.Capacity;

/// <summary>
/// The 64-bit fingerprint by which an event id is remembered: XXH3 over its UTF-8 bytes, the same in
/// every process and run. Two different ids share one with a chance of about n²/2⁶⁵ among n ids
/// remembered at once: one in 370,000 for ten million.
/// </summary>
public static class EventIdHash
{
    public static ulong Of(string eventId)
    {
        ArgumentNullException.ThrowIfNull(eventId);
        var length = Encoding.UTF8.GetMaxByteCount(eventId.Length);
        Span<byte> bytes = length <= 1024 ? stackalloc byte[length] : new byte[length];
        var written = Encoding.UTF8.GetBytes(eventId, bytes);
        return XxHash3.HashToUInt64(bytes[..written]);
    }
}
