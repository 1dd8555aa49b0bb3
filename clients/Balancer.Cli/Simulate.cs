using Balancer.Simulation;

namespace Balancer.Cli;

/// <summary>
/// Plays a scenario in virtual time three ways, prints the figures and writes a plot and a
/// markdown summary: one scenario by name or file, or every shipped one.
/// </summary>
public static class Simulate
{
    public static int Run(Options options)
    {
        var scenario = options.Text("scenario", ScenarioFile.DefaultName);
        var seed = options.Number("seed", 1, 0, int.MaxValue);
        var outDir = options.Text("out", Path.Combine("bench", "simulation"));
        var names = scenario == "all" ? ScenarioFile.Shipped() : [scenario];
        Directory.CreateDirectory(outDir);
        foreach (var name in names)
        {
            Scenario loaded;
            try
            {
                loaded = ScenarioFile.Load(name);
            }
            catch (ScenarioException ex)
            {
                Console.Error.WriteLine(ex.Message);
                return 2;
            }

            Console.WriteLine($"{loaded.Name}, seed {seed}: {loaded.Description}");
            var comparison = Comparison.Run(loaded, seed);
            Console.WriteLine(Report.Table(comparison));
            var plot = $"{loaded.Name}.svg";
            File.WriteAllText(Path.Combine(outDir, plot), SvgPlot.Render(comparison));
            File.WriteAllText(Path.Combine(outDir, $"{loaded.Name}.md"), Report.Markdown(comparison, plot));
            Console.WriteLine($"Wrote {Path.Combine(outDir, plot)} and {loaded.Name}.md.");
            Console.WriteLine();
        }

        return 0;
    }
}
