using System.Globalization;
using System.Text;
using Google.Protobuf;

namespace Balancer.Access.Tests.Properties;

/// <summary>A time that the run fixes: this many milliseconds from Balancer's clock.</summary>
public sealed record FromNow(long Ms)
{
    public override string ToString() => Ms < 0 ? $"now - {-Ms} ms" : $"now + {Ms} ms";
}

/// <summary>A field number the schema does not have, as a newer client's message might carry it.</summary>
public sealed record UnknownField(int Number)
{
    public override string ToString() => $"unknown field {Number}";
}

/// <summary>
/// One field of a generated message set to a value Balancer must refuse: the path its error must name, the harm
/// done, and the simplest value of that harm, which FsCheck shrinks to. A late breakage passes validation and is
/// refused by the grain that applies it, such as a response to a conversation its queue does not have.
/// </summary>
public sealed record Breakage(string Field, string Harm, object? Value, object? Simplest, bool Late = false)
{
    /// <summary>The same harm with its simplest value, or null when it has it already.</summary>
    public Breakage? Simpler => Equals(Value, Simplest) ? null : this with { Value = Simplest };

    public void Apply(IMessage message, long nowMs)
    {
        switch (Value)
        {
            case UnknownField unknown:
                MessagePaths.Set(message, Field, null);
                var bytes = new MemoryStream();
                var output = new CodedOutputStream(bytes);
                output.WriteTag(unknown.Number, WireFormat.WireType.LengthDelimited);
                output.WriteString("from a newer schema");
                output.Flush();
                message.MergeFrom(bytes.ToArray());
                break;
            case FromNow offset:
                MessagePaths.Set(message, Field, nowMs + offset.Ms);
                break;
            default:
                MessagePaths.Set(message, Field, Value);
                break;
        }
    }

    public override string ToString() => $"{Field} = {Show(Value)} ({Harm}{(Late ? ", refused late" : "")})";

    /// <summary>A value as a failure report shows it: control characters escaped, long strings cut.</summary>
    public static string Show(object? value) => value switch
    {
        null => "(cleared)",
        string s when s.Length > 40 => $"\"{Escape(s[..16])}…\" ({s.Length} chars)",
        string s => $"\"{Escape(s)}\"",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string Escape(string s)
    {
        var text = new StringBuilder(s.Length);
        foreach (var c in s)
        {
            text.Append(char.IsControl(c) || (char.IsWhiteSpace(c) && c != ' ') ? $"\\u{(int)c:x4}" : c.ToString());
        }

        return text.ToString();
    }
}
