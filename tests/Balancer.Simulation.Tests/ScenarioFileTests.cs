using System.Text.Json.Nodes;

namespace Balancer.Simulation.Tests;

public sealed class ScenarioFileTests
{
    [Fact]
    public void ScenarioFile_Shipped_LoadsEveryOne()
    {
        var names = ScenarioFile.Shipped();

        Assert.Equal(["drip-campaign", "monday-burst", "steady-state"], names);
        Assert.All(names, name => Assert.Equal(name, ScenarioFile.Load(name).Name));
    }

    [Fact]
    public void ScenarioFile_UnknownName_SaysWhatIsShipped()
    {
        var ex = Assert.Throws<ScenarioException>(() => ScenarioFile.Load("no-such-scenario"));

        Assert.Equal(
            ["no such file, and no shipped scenario of that name (shipped: drip-campaign, monday-burst, steady-state)"],
            ex.Problems);
    }

    [Fact]
    public void ScenarioFile_UnknownField_NamesIt()
    {
        var problems = Problems(s => s["agents"]![0]!["slotz"] = 2);

        var problem = Assert.Single(problems);
        Assert.StartsWith("agents[0].slotz: ", problem);
    }

    [Fact]
    public void ScenarioFile_ValueOfTheWrongType_NamesTheField()
    {
        var problems = Problems(s => s["queues"]![0]!["replyWindow"] = "four hours");

        var problem = Assert.Single(problems);
        Assert.StartsWith("queues[0].replyWindow: The JSON value could not be converted to System.TimeSpan.", problem);
    }

    [Fact]
    public void ScenarioFile_ValuesOutOfRange_NameEachField()
    {
        var problems = Problems(s =>
        {
            s["days"] = 29;
            s["agents"]![1]!["slots"] = 0;
            s["sequences"]![0]!["steps"]![1]!["replyRate"] = 1.5;
            s["routing"]!["overflowQueueId"] = "nowhere";
            s["cadence"] = new JsonObject { ["throttleShare"] = 2 };
        });

        Assert.Equal(
            [
                "days must be from 1 to 28; it is 29.",
                "routing.overflowQueueId names no queue 'nowhere' of this scenario.",
                "agents[1].slots must be from 1 to 20; it is 0.",
                "sequences[0].steps[1].replyRate must be from 0 to 1; it is 1.5.",
                "sequences[0].steps[1].conversion and replyRate must add up to at most 1; they add up to 1.505.",
                "cadence: Balancer:Cadence:ThrottleShare must be above 0 and at most 1; it is 2.",
            ],
            problems);
    }

    [Fact]
    public void ScenarioFile_ChatWithoutChatRouting_NamesTheMissingSection()
    {
        var problems = Problems(s => s["inbound"]![0]!["channel"] = "chat");

        Assert.Equal(["chatRouting is missing, and some inbound load or sequence is on chat."], problems);
    }

    /// <summary>The default scenario with one change, and what validation says of it.</summary>
    private static IReadOnlyList<string> Problems(Action<JsonNode> change)
    {
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(ScenarioFile.ShippedFolder, "drip-campaign.json")))!;
        change(json);
        var ex = Assert.Throws<ScenarioException>(() => ScenarioFile.Parse(json.ToJsonString(), "changed"));
        Assert.StartsWith("Scenario changed is not valid:", ex.Message);
        return ex.Problems;
    }
}
