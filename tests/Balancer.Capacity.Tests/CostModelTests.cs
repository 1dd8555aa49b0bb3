namespace Balancer.Capacity.Tests;

public sealed class CostModelTests
{
    [Fact]
    public void CostModel_Defaults_AreThePractitionerPrices()
    {
        var model = new CostModel();

        Assert.Equal(
            (0.12m, 4.25m, 4.25m, 200m, TimeSpan.FromHours(8), TimeSpan.FromHours(2), 3.0),
            (model.BotTouch, model.HumanInteraction, model.ReworkPerEscalation, model.ContractorShift,
                model.ContractorShiftLength, model.ContractorRampUp, model.RampUpOverheadFactor));
        Assert.Equal("Balancer:Cost", CostModel.Section);
        Assert.Empty(model.Validate());
    }

    [Fact]
    public void CostModel_RampUpLeadAndHour_DeriveFromTheOptions()
    {
        var model = new CostModel();

        // The team's 2 hours, three times over; $200 over 8 hours.
        Assert.Equal(TimeSpan.FromHours(6), model.RampUpLead);
        Assert.Equal(25m, model.ContractorHour);
    }

    [Fact]
    public void CostModel_OutOfRange_NameEachOption()
    {
        var model = new CostModel
        {
            BotTouch = -1m,
            ContractorShift = 200_000m,
            ContractorShiftLength = TimeSpan.FromMinutes(30),
            ContractorRampUp = TimeSpan.FromDays(31),
            RampUpOverheadFactor = 0.5,
        };

        Assert.Equal(
            [
                "Balancer:Cost:BotTouch must be from 0 to 1,000; it is -1.",
                "Balancer:Cost:ContractorShift must be from 0 to 100,000; it is 200000.",
                "Balancer:Cost:ContractorShiftLength must be from 1 to 24 hours; it is 00:30:00.",
                "Balancer:Cost:ContractorRampUp must be from 0 to 30 days; it is 31.00:00:00.",
                "Balancer:Cost:RampUpOverheadFactor must be from 1 to 10; it is 0.5.",
            ],
            model.Validate());
    }

    [Fact]
    public void BlendedCost_Activity_AddsBotHumanAndReworkOverResolved()
    {
        // 1000 × 0.12 = 120; 200 × 4.25 = 850; 150 × 4.25 = 637.50; 1607.50 over 500 = 3.215.
        var cost = BlendedCost.Of(new CostModel(), new SequenceActivity("welcome", 1_000, 200, 150, 500));

        Assert.Equal(new SequenceCost("welcome", 120m, 850m, 637.5m, 1_607.5m, 3.215m), cost);
    }

    [Fact]
    public void BlendedCost_NothingResolved_HasNoCostPerResolved()
    {
        var cost = BlendedCost.Of(new CostModel(), new SequenceActivity("s", 10, 0, 0, 0));

        Assert.Equal((1.2m, (decimal?)null), (cost.Total, cost.PerResolved));
    }

    [Fact]
    public void BlendedCost_NegativeCounts_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(
            () => BlendedCost.Of(new CostModel(), new SequenceActivity("s", -1, 0, 0, 0)));
    }
}
