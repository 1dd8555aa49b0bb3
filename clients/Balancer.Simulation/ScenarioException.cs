namespace Balancer.Simulation;

/// <summary>A scenario that cannot be run, with every problem found, each naming its field.</summary>
public sealed class ScenarioException(string origin, IReadOnlyList<string> problems) : Exception(
    $"Scenario {origin} is not valid:{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", problems)}")
{
    /// <summary>The file or name the scenario came from.</summary>
    public string Origin { get; } = origin;

    public IReadOnlyList<string> Problems { get; } = problems;
}
