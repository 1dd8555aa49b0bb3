using System.Text.Json;
using System.Text.Json.Serialization;

namespace Balancer.Simulation;

/// <summary>
/// Reads scenarios from JSON: the shipped ones by name, any other by path. Unknown fields, values
/// of the wrong type and values out of range are all errors that name the field.
/// </summary>
public static class ScenarioFile
{
    /// <summary>The scenario run when none is named.</summary>
    public const string DefaultName = "drip-campaign";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>The folder the shipped scenarios are copied to, beside the program.</summary>
    public static string ShippedFolder => Path.Combine(AppContext.BaseDirectory, "Scenarios");

    /// <summary>The names of the shipped scenarios, in order.</summary>
    public static IReadOnlyList<string> Shipped() =>
        [.. Directory.EnumerateFiles(ShippedFolder, "*.json").Select(Path.GetFileNameWithoutExtension).Order()!];

    /// <summary>A shipped scenario by name, or a file by path.</summary>
    /// <exception cref="ScenarioException">The file is missing, unreadable or invalid.</exception>
    public static Scenario Load(string nameOrPath)
    {
        var path = File.Exists(nameOrPath) ? nameOrPath : Path.Combine(ShippedFolder, nameOrPath + ".json");
        if (!File.Exists(path))
        {
            throw new ScenarioException(nameOrPath, [
                $"no such file, and no shipped scenario of that name (shipped: {string.Join(", ", Shipped())})"]);
        }

        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>Reads and validates one scenario.</summary>
    /// <param name="source">What to call the text in errors: its file name, say.</param>
    /// <exception cref="ScenarioException">The text is not a valid scenario.</exception>
    public static Scenario Parse(string json, string source)
    {
        Scenario? scenario;
        try
        {
            scenario = JsonSerializer.Deserialize<Scenario>(json, Json);
        }
        catch (JsonException ex)
        {
            throw new ScenarioException(source, [Describe(ex)]);
        }

        if (scenario is null)
        {
            throw new ScenarioException(source, ["the file holds null, not a scenario"]);
        }

        var problems = ScenarioValidator.Validate(scenario).ToList();
        return problems.Count == 0 ? scenario : throw new ScenarioException(source, problems);
    }

    /// <summary>The serializer's complaint, led by the field it was reading.</summary>
    private static string Describe(JsonException ex)
    {
        var field = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? "(the file)" : ex.Path.TrimStart('$', '.');
        var line = ex.LineNumber is { } n ? $" (line {n + 1})" : "";
        var reason = ex.Message;
        var cut = reason.IndexOf(" Path:", StringComparison.Ordinal);
        return $"{field}: {(cut > 0 ? reason[..cut] : reason)}{line}";
    }
}
