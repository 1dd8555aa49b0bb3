namespace Balancer.Capacity.Tests;

public sealed class WindowedTests
{
    [Theory]
    [InlineData(RollingWindow.FifteenMinutes, 1)]
    [InlineData(RollingWindow.OneHour, 2)]
    [InlineData(RollingWindow.OneDay, 3)]
    public void Windowed_Indexer_ReturnsFigureOfThatWindow(RollingWindow window, int expected)
    {
        var figures = new Windowed<int>(1, 2, 3);

        var figure = figures[window];

        Assert.Equal(expected, figure);
    }

    [Fact]
    public void Windowed_UnknownWindow_Throws()
    {
        var figures = new Windowed<int>(1, 2, 3);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => figures[(RollingWindow)9]);

        Assert.Equal("window", error.ParamName);
    }

    [Fact]
    public void Windowed_Select_MapsEachWindow()
    {
        var figures = new Windowed<long>(1, 2, 4);

        var mapped = figures.Select(x => x * 10.0);

        Assert.Equal(new Windowed<double>(10, 20, 40), mapped);
    }

    [Fact]
    public void Windowed_Combine_PairsSameWindowsInOrder()
    {
        var a = new Windowed<long>(10, 20, 30);
        var b = new Windowed<long>(1, 2, 3);

        var combined = Windowed<long>.Combine(a, b, (x, y) => x - y);

        Assert.Equal(new Windowed<long>(9, 18, 27), combined);
    }
}
