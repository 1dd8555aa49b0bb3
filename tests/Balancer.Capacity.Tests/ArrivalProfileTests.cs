namespace Balancer.Capacity.Tests;

public sealed class ArrivalProfileTests
{
    private static readonly DateTimeOffset Tuesday = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ArrivalProfile_HourNotSeen_ForecastsTheFallback()
    {
        Assert.Equal([7.0, 7.0], new ArrivalProfile().Forecast(Tuesday.AddHours(9), 2, 7));
    }

    [Fact]
    public void ArrivalProfile_Recorded_ForecastsThatHourOfTheDay()
    {
        var profile = new ArrivalProfile();
        profile.Record(Tuesday.AddHours(10), 8);

        // The reading at 10:00 is the hour from 9:00; a day later it forecasts 9:00 again.
        Assert.Equal([1.0, 8.0, 1.0], profile.Forecast(Tuesday.AddDays(1).AddHours(8.5), 3, 1));
    }

    [Fact]
    public void ArrivalProfile_NextDay_MovesTheHourBySmoothing()
    {
        var profile = new ArrivalProfile(0.5);
        profile.Record(Tuesday.AddHours(10), 8);
        profile.Record(Tuesday.AddHours(10.5), 100);
        profile.Record(Tuesday.AddDays(1).AddHours(10), 4);

        Assert.Equal([6.0], profile.Forecast(Tuesday.AddHours(9), 1, 0));
    }

    [Fact]
    public void ArrivalProfile_Weekend_IsLearnedApart()
    {
        var profile = new ArrivalProfile();
        profile.Record(Tuesday.AddDays(4).AddHours(10), 1);

        Assert.Equal([9.0], profile.Forecast(Tuesday.AddHours(9), 1, 9));
        Assert.Equal([1.0], profile.Forecast(Tuesday.AddDays(11).AddHours(9), 1, 9));
    }

    [Fact]
    public void ArrivalProfile_SmoothingOutOfRange_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ArrivalProfile(0));
    }
}
