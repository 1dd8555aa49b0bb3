namespace Balancer.Capacity;

/// <summary>
/// Hashes that are the same in every process and every run, unlike <see cref="string.GetHashCode()"/>,
/// so a contact lands in the same trial bucket on every silo and after every restart.
/// </summary>
public static class StableHash
{
    /// <summary>32-bit FNV-1a over the UTF-16 code units of <paramref name="text"/>, low byte first.</summary>
    public static uint Fnv1a(string text)
    {
        throw new NotImplementedException();
    }

    /// <summary>The contact's bucket from 0 to 99: the FNV-1a hash modulo 100.</summary>
    public static int Percentile(string text)
    {
        throw new NotImplementedException();
    }
}
