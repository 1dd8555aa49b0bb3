namespace Balancer.Capacity.Tests;

public sealed class AttributionTests
{
    [Fact]
    public void Attribution_None_IsNone()
    {
        Assert.True(Attribution.None.IsNone);
    }

    [Fact]
    public void Attribution_WithSequence_IsNotNone()
    {
        var attribution = new Attribution("seq-1", 2);

        Assert.False(attribution.IsNone);
    }
}
