namespace Balancer.Capacity.Tests;

public sealed class StaffingAdvisorTests
{
    private static readonly DateTimeOffset Hour0 = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    private static readonly StaffingAdvisor Advisor = new(new StaffingOptions(), new CostModel());

    [Fact]
    public void StaffingAdvisor_ShortWindow_SizesWithErlangC()
    {
        // 720 an hour of 240 s each is 48 Erlangs; 54 agents answer 81.7% within 20 s, 53 only 75.2%.
        var advisor = new StaffingAdvisor(new StaffingOptions { ServiceLevel = 0.8 }, new CostModel());
        var chat = Chat(Hour(0, 720, staffed: 50));

        var advice = advisor.Advise([chat], Hour0 - TimeSpan.FromHours(8));

        Assert.Equal(
            new StaffingHour("chat", Hour0, 720, 54, 50, 4, "Erlang C: 48 Erlangs, 80% answered within 20 s"),
            Assert.Single(advice.Hours));
    }

    [Fact]
    public void StaffingAdvisor_ShortWindowShortOfAgents_BooksContractorsRampUpAheadWithTheirCost()
    {
        var advisor = new StaffingAdvisor(new StaffingOptions { ServiceLevel = 0.8 }, new CostModel());

        var advice = advisor.Advise([Chat(Hour(0, 720, staffed: 50))], Hour0 - TimeSpan.FromHours(8));

        // Ramp-up 2 h × 3 = 6 h ahead; 1 shift of $200 plus 6 h at $25 = $350 each, 4 of them.
        Assert.Equal(
            new ContractorPlan(
                "chat", 4, Hour0, Hour0.AddHours(1), Hour0.AddHours(-6), Late: false, ShiftsEach: 1, Cost: 1_400m),
            Assert.Single(advice.Contractors));
        Assert.Equal(1_400m, advice.ContractorCost);
    }

    [Fact]
    public void StaffingAdvisor_LongWindow_DrainsTheBacklogInTheFirstHourOnly()
    {
        // Hour 0: 5 arriving plus 1000 sends × 0.05 replies × 0.3 for humans = 20 an hour; 60 waiting
        // plus 20 × 4 h = 140 against 3 × 4 = 12 per agent: 11.7, so 12.
        // Hour 1: 20 × 4 = 80 against 12: 6.7, so 7. Hour 2: 38 × 4 = 152 against 12: 12.7, so 13.
        var email = new QueueForecast(
            "email", TimeSpan.FromHours(4), TimeSpan.FromMinutes(10), 3, 60,
            [
                new(Hour0, 5, [new PlannedSends("welcome", 1_000, 0.05, 0.3)], 8),
                Hour(1, 20, staffed: 8),
                Hour(2, 38, staffed: 8),
            ]);

        var advice = Advisor.Advise([email], Hour0 - TimeSpan.FromHours(1));

        Assert.Equal(
            [
                new("email", Hour0, 20, 12, 8, 4,
                    "backlog drain: 60 waiting and 20 an hour answered within 4 hours at 3 per agent an hour"),
                new("email", Hour0.AddHours(1), 20, 7, 8, 0,
                    "backlog drain: 0 waiting and 20 an hour answered within 4 hours at 3 per agent an hour"),
                new StaffingHour("email", Hour0.AddHours(2), 38, 13, 8, 5,
                    "backlog drain: 0 waiting and 38 an hour answered within 4 hours at 3 per agent an hour"),
            ],
            advice.Hours);

        // 5 contractors from 9:00 to 12:00, one shift each, booked by 3:00, which has passed: late.
        // 5 × ($200 + 6 h × $25) = $1,750.
        Assert.Equal(
            new ContractorPlan("email", 5, Hour0, Hour0.AddHours(3), Hour0.AddHours(-6), true, 1, 1_750m),
            Assert.Single(advice.Contractors));
    }

    [Fact]
    public void StaffingAdvisor_ShortfallLongerThanAShift_BooksWholeShifts()
    {
        // 10 hours short by one agent: 2 shifts of 8 h, plus the 6 h ramp-up: 400 + 150 = 550.
        var hours = Enumerable.Range(0, 10).Select(i => Hour(i, 3, staffed: 0)).ToList();
        var queue = new QueueForecast("email", TimeSpan.FromHours(8), TimeSpan.FromMinutes(10), 3, 0, hours);

        var plan = Assert.Single(Advisor.Advise([queue], Hour0.AddDays(-1)).Contractors);

        Assert.Equal((1, 2, 550m, Hour0.AddHours(10)), (plan.Contractors, plan.ShiftsEach, plan.Cost, plan.Until));
    }

    [Fact]
    public void StaffingAdvisor_NoArrivals_NeedsNobodyAndBooksNothing()
    {
        var advice = Advisor.Advise([Chat(Hour(0, 0, staffed: 2))], Hour0);

        Assert.Equal((0, 0), (advice.Hours[0].Needed, advice.Hours[0].Shortfall));
        Assert.Empty(advice.Contractors);
        Assert.Equal(0m, advice.ContractorCost);
    }

    [Fact]
    public void StaffingAdvisor_BeyondTheMostAgents_SaysSoAndCountsTheMost()
    {
        var advisor = new StaffingAdvisor(new StaffingOptions { ServiceLevel = 0.8, MaxAgents = 50 }, new CostModel());

        var hour = Assert.Single(advisor.Advise([Chat(Hour(0, 720, staffed: 10))], Hour0).Hours);

        Assert.Equal((null, 40), (hour.Needed, hour.Shortfall));
        Assert.Equal("Erlang C: 48 Erlangs, 80% answered within 20 s; more than 50 agents", hour.Method);
    }

    [Fact]
    public void StaffingAdvisor_WindowAtTheLimit_StillUsesErlangC()
    {
        var queue = new QueueForecast("q", TimeSpan.FromHours(1), TimeSpan.FromMinutes(6), 10, 0, [Hour(0, 20, 0)]);

        var hour = Assert.Single(Advisor.Advise([queue], Hour0).Hours);

        Assert.StartsWith("Erlang C: 2 Erlangs, 90% answered within 1 hour", hour.Method);
    }

    [Fact]
    public void StaffingOptions_Defaults_ValidateAndOutOfRangeNameTheOption()
    {
        var options = new StaffingOptions();

        Assert.Equal((TimeSpan.FromHours(1), 0.9, 1_000), (options.ErlangWindowLimit, options.ServiceLevel,
            options.MaxAgents));
        Assert.Empty(options.Validate());
        Assert.Equal(
            [
                "Balancer:Staffing:ErlangWindowLimit must be from 1 second to 24 hours; it is 00:00:00.",
                "Balancer:Staffing:ServiceLevel must be above 0 and below 1; it is 1.",
                "Balancer:Staffing:MaxAgents must be from 1 to 100,000; it is 0.",
            ],
            new StaffingOptions { ErlangWindowLimit = TimeSpan.Zero, ServiceLevel = 1, MaxAgents = 0 }.Validate());
    }

    private static QueueForecast Chat(params ForecastHour[] hours) =>
        new("chat", TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(240), 15, 0, hours);

    private static ForecastHour Hour(int index, double arrivals, int staffed) =>
        new(Hour0.AddHours(index), arrivals, [], staffed);
}
