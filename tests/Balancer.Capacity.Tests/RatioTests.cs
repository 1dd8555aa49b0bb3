namespace Balancer.Capacity.Tests;

public sealed class RatioTests
{
    [Fact]
    public void Ratio_PartOverWhole_IsTheirQuotient()
    {
        var ratio = Ratio.Of(1, 4);

        Assert.Equal(0.25, ratio);
    }

    [Fact]
    public void Ratio_ZeroWhole_IsNull()
    {
        Assert.Null(Ratio.Of(0, 0));
    }

    [Fact]
    public void Ratio_MinimumBelowOne_StillNeedsOne()
    {
        Assert.Null(Ratio.Of(0, 0, 0));
    }

    [Fact]
    public void Ratio_WholeBelowMinimum_IsNull()
    {
        Assert.Null(Ratio.Of(5, 19, 20));
    }

    [Fact]
    public void Ratio_WholeAtMinimum_IsReported()
    {
        var ratio = Ratio.Of(5, 20, 20);

        Assert.Equal(0.25, ratio);
    }
}
