namespace Balancer.Capacity.Tests;

public sealed class WindowedTests
{
    [Fact]
    public void Windowed_Combine_PairsSameWindowsInOrder()
    {
        var a = new Windowed<long>(10, 20, 30);
        var b = new Windowed<long>(1, 2, 3);

        var combined = Windowed<long>.Combine(a, b, (x, y) => x - y);

        Assert.Equal(new Windowed<long>(9, 18, 27), combined);
    }
}
