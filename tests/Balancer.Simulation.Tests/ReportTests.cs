namespace Balancer.Simulation.Tests;

[Collection(DefaultScenarioCollection.Name)]
public sealed class ReportTests(DefaultScenarioFixture fixture)
{
    [Fact]
    public void SvgPlot_DefaultScenario_DrawsBothPanelsWithALinePerRun()
    {
        var svg = SvgPlot.Render(fixture.Comparison);

        Assert.StartsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"", svg);
        Assert.EndsWith("</svg>\n", svg);
        Assert.Contains("breach rate, last 24 h", svg);
        Assert.Contains("waiting for a human", svg);
        Assert.All(new[] { "#c0392b", "#e67e22", "#2471a3" }, colour => Assert.Contains($"stroke=\"{colour}\"", svg));
    }

    [Fact]
    public void Report_DefaultScenario_TablesTheThreeRunsAndTheVerdict()
    {
        var markdown = Report.Markdown(fixture.Comparison, "drip-campaign.svg");

        Assert.Contains("|  | observing only | static cap 1/h | Balancer |", markdown);
        Assert.Contains("| breach rate | 29.9% | 2.2% | 2.2% |", markdown.Replace(" %", "%", StringComparison.Ordinal));
        Assert.Contains("Met: yes.", markdown);
        Assert.Contains("![breach rate and queue depth over time](drip-campaign.svg)", markdown);
    }
}
