using System.Reflection;

namespace Balancer.Storage;

/// <summary>One versioned step of Balancer's schema: an embedded SQL script named <c>NNNN_name.sql</c>.</summary>
/// <param name="Version">The number the script's name starts with; applied in ascending order.</param>
/// <param name="Name">What the script's name says after the number.</param>
/// <param name="Sql">The script, run as one command inside the migration's transaction.</param>
public sealed record Migration(int Version, string Name, string Sql)
{
    private const string Prefix = "Balancer.Storage.Migrations.";

    /// <summary>The migrations embedded in this assembly, in version order.</summary>
    public static IReadOnlyList<Migration> Embedded { get; } = Load(typeof(Migration).Assembly);

    private static List<Migration> Load(Assembly assembly)
    {
        var migrations = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(Prefix, StringComparison.Ordinal)
                || !resource.EndsWith(".sql", StringComparison.Ordinal))
            {
                continue;
            }

            var file = resource[Prefix.Length..^".sql".Length];
            var separator = file.IndexOf('_', StringComparison.Ordinal);
            if (separator <= 0 || !int.TryParse(file[..separator], out var version) || version <= 0)
            {
                throw new InvalidOperationException(
                    $"The migration '{resource}' must be named NNNN_name.sql with a version above 0.");
            }

            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            migrations.Add(new Migration(version, file[(separator + 1)..], reader.ReadToEnd()));
        }

        migrations.Sort((a, b) => a.Version.CompareTo(b.Version));
        for (var i = 1; i < migrations.Count; i++)
        {
            if (migrations[i].Version == migrations[i - 1].Version)
            {
                throw new InvalidOperationException($"Two migrations claim version {migrations[i].Version}.");
            }
        }

        return migrations;
    }
}
