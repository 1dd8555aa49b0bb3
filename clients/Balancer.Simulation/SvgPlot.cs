using System.Globalization;
using System.Text;

namespace Balancer.Simulation;

/// <summary>
/// Draws a comparison's breach rate and queue depth over time, one line per run, as a standalone
/// SVG: two panels sharing the time axis, over the scenario's days with load.
/// </summary>
public static class SvgPlot
{
    private const int Width = 960;
    private const int PanelHeight = 220;
    private const int Left = 64;
    private const int Right = 24;
    private const int Top = 48;
    private const int Gap = 56;

    private static readonly (RunMode Mode, string Colour, string Label)[] Series =
    [
        (RunMode.Observe, "#c0392b", "observing only"),
        (RunMode.StaticCap, "#e67e22", "static cap"),
        (RunMode.Balancer, "#2471a3", "Balancer"),
    ];

    public static string Render(Comparison comparison)
    {
        var start = comparison.Scenario.Start;
        var end = comparison.Scenario.End;
        var runs = new Dictionary<RunMode, RunResult>
        {
            [RunMode.Observe] = comparison.Observe,
            [RunMode.StaticCap] = comparison.StaticCap,
            [RunMode.Balancer] = comparison.Balancer,
        };
        var shown = runs.Values.SelectMany(r => r.Samples).Where(s => s.At <= end).ToList();
        var depth = shown.Select(s => s.Waiting).DefaultIfEmpty(0).Max();
        var breach = Math.Max(0.1, Math.Ceiling(shown.Max(s => s.BreachRate ?? 0) * 10) / 10);
        var height = Top + (2 * PanelHeight) + Gap + 40;
        var svg = new StringBuilder();
        svg.Append(Inv($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{height}\" "))
            .Append(Inv($"viewBox=\"0 0 {Width} {height}\" font-family=\"sans-serif\" font-size=\"12\">\n"))
            .Append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n")
            .Append(Inv($"<text x=\"{Left}\" y=\"20\" font-size=\"15\" font-weight=\"bold\">"))
            .Append(Escape($"{comparison.Scenario.Name}, seed {comparison.Seed}")).Append("</text>\n");
        Legend(svg, comparison.StaticCap.Cap);

        var breachPanel = new Panel(Top, start, end, breach, "breach rate, last 24 h", v => Inv($"{v * 100:0.#}%"));
        var depthPanel = new Panel(
            Top + PanelHeight + Gap, start, end, Math.Max(10, Nice(depth)), "waiting for a human", v => Inv($"{v:0}"));
        breachPanel.Frame(svg);
        depthPanel.Frame(svg);
        foreach (var (mode, colour, _) in Series)
        {
            var samples = runs[mode].Samples.Where(s => s.At <= end).ToList();
            breachPanel.Line(svg, samples.Select(s => (s.At, s.BreachRate)), colour);
            depthPanel.Line(svg, samples.Select(s => (s.At, (double?)s.Waiting)), colour);
        }

        return svg.Append("</svg>\n").ToString();
    }

    private static void Legend(StringBuilder svg, int? cap)
    {
        var x = Width - Right - 420;
        foreach (var (mode, colour, name) in Series)
        {
            var label = mode == RunMode.StaticCap ? Inv($"{name} {cap}/h") : name;
            svg.Append(Inv($"<line x1=\"{x}\" y1=\"16\" x2=\"{x + 24}\" y2=\"16\" stroke=\"{colour}\" "))
                .Append("stroke-width=\"2.5\"/>")
                .Append(Inv($"<text x=\"{x + 30}\" y=\"20\">{label}</text>\n"));
            x += 140;
        }
    }

    /// <summary>The next round number at or above <paramref name="value"/>: 1, 2 or 5 times a power of ten.</summary>
    private static double Nice(double value)
    {
        if (value <= 0)
        {
            return 1;
        }

        var power = Math.Pow(10, Math.Floor(Math.Log10(value)));
        return new[] { 1.0, 2.0, 5.0, 10.0 }.Select(m => m * power).First(v => v >= value);
    }

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string Escape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal);

    /// <summary>One panel: a frame with day gridlines and a value axis, and lines drawn into it.</summary>
    private sealed class Panel(
        int top, DateTimeOffset start, DateTimeOffset end, double max, string title, Func<double, string> label)
    {
        private const int Ticks = 4;

        private double X(DateTimeOffset at) => Left + ((at - start) / (end - start) * (Width - Left - Right));

        private double Y(double value) => top + PanelHeight - (Math.Clamp(value / max, 0, 1) * PanelHeight);

        public void Frame(StringBuilder svg)
        {
            svg.Append(Inv($"<text x=\"{Left}\" y=\"{top - 8}\" font-weight=\"bold\">{title}</text>\n"));
            for (var i = 0; i <= Ticks; i++)
            {
                var value = max * i / Ticks;
                var y = Y(value);
                svg.Append(Inv($"<line x1=\"{Left}\" y1=\"{y:0.#}\" x2=\"{Width - Right}\" y2=\"{y:0.#}\" "))
                    .Append("stroke=\"#e5e5e5\"/>")
                    .Append(Inv($"<text x=\"{Left - 6}\" y=\"{y + 4:0.#}\" text-anchor=\"end\">"))
                    .Append(label(value)).Append("</text>\n");
            }

            for (var day = start; day <= end; day = day.AddDays(1))
            {
                var x = X(day);
                svg.Append(Inv($"<line x1=\"{x:0.#}\" y1=\"{top}\" x2=\"{x:0.#}\" y2=\"{top + PanelHeight}\" "))
                    .Append("stroke=\"#cccccc\"/>");
                if (day < end)
                {
                    svg.Append(Inv($"<text x=\"{X(day.AddHours(12)):0.#}\" y=\"{top + PanelHeight + 16}\" "))
                        .Append(Inv($"text-anchor=\"middle\">{day:ddd d MMM}</text>"));
                }

                svg.Append('\n');
            }

            svg.Append(Inv($"<rect x=\"{Left}\" y=\"{top}\" width=\"{Width - Left - Right}\" "))
                .Append(Inv($"height=\"{PanelHeight}\" fill=\"none\" stroke=\"#888888\"/>\n"));
        }

        /// <summary>A polyline per stretch of known values; an unknown value breaks the line.</summary>
        public void Line(StringBuilder svg, IEnumerable<(DateTimeOffset At, double? Value)> points, string colour)
        {
            var run = new List<string>();
            foreach (var (at, value) in points.Append((end, null)))
            {
                if (value is { } v)
                {
                    run.Add(Inv($"{X(at):0.#},{Y(v):0.#}"));
                    continue;
                }

                if (run.Count > 1)
                {
                    svg.Append(Inv($"<polyline fill=\"none\" stroke=\"{colour}\" stroke-width=\"1.8\" "))
                        .Append(Inv($"points=\"{string.Join(' ', run)}\"/>\n"));
                }

                run.Clear();
            }
        }
    }
}
