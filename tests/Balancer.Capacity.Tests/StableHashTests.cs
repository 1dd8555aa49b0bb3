namespace Balancer.Capacity.Tests;

public sealed class StableHashTests
{
    [Theory]
    [InlineData("", 0x811c9dc5u)]
    [InlineData("a", 0xe40c292cu)]
    [InlineData("foobar", 0xbf9cf968u)]
    public void StableHash_Fnv1a_MatchesTheReferenceValues(string text, uint expected)
    {
        Assert.Equal(expected, StableHash.Fnv1a(text));
    }

    [Fact]
    public void StableHash_NonAscii_HashesTheUtf8Bytes()
    {
        // "é" is C3 A9 in UTF-8; a thousand of them take the path that does not fit on the stack.
        Assert.Equal(0x1e9de8c1u, StableHash.Fnv1a("é"));
        Assert.Equal(0xa9b1e225u, StableHash.Fnv1a(new string('é', 1_000)));
    }

    [Fact]
    public void StableHash_Percentile_IsTheHashModuloOneHundred()
    {
        // 0x8529db20 = 2234112800; 0xf9d3dfe1 = 4191412193.
        Assert.Equal(0, StableHash.Percentile("c2"));
        Assert.Equal(93, StableHash.Percentile("contact-1"));
    }
}
