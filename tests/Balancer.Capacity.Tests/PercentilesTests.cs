namespace Balancer.Capacity.Tests;

public sealed class PercentilesTests
{
    private static readonly double[] OneToTen = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

    [Fact]
    public void Percentiles_OneToTen_P50IsFive()
    {
        var p50 = Percentiles.NearestRank(OneToTen, 0.5);

        Assert.Equal(5, p50);
    }

    [Fact]
    public void Percentiles_OneToTen_P90IsNine()
    {
        var p90 = Percentiles.NearestRank(OneToTen, 0.9);

        Assert.Equal(9, p90);
    }

    [Theory]
    [InlineData(0.01, 1)]
    [InlineData(0.1, 1)]
    [InlineData(0.11, 2)]
    [InlineData(0.55, 6)]
    [InlineData(0.91, 10)]
    [InlineData(1.0, 10)]
    public void Percentiles_OneToTen_IsSmallestValueCoveringQuantile(double quantile, double expected)
    {
        var value = Percentiles.NearestRank(OneToTen, quantile);

        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData(0.01)]
    [InlineData(0.5)]
    [InlineData(0.9)]
    [InlineData(1.0)]
    public void Percentiles_SingleValue_IsThatValueAtEveryQuantile(double quantile)
    {
        double[] sample = [42];

        var value = Percentiles.NearestRank(sample, quantile);

        Assert.Equal(42, value);
    }

    [Fact]
    public void Percentiles_TwoValues_P50IsLowerValueNotInterpolated()
    {
        double[] sample = [3, 8];

        var p50 = Percentiles.NearestRank(sample, 0.5);

        Assert.Equal(3, p50);
    }

    [Fact]
    public void Percentiles_EmptySample_IsNull()
    {
        var value = Percentiles.NearestRank([], 0.5);

        Assert.Null(value);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.5)]
    [InlineData(1.01)]
    public void Percentiles_QuantileOutsideZeroExclusiveToOne_Throws(double quantile)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Percentiles.NearestRank(OneToTen, quantile));

        Assert.Equal("quantile", error.ParamName);
    }
}
