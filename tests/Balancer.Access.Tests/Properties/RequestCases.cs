using Google.Protobuf;

namespace Balancer.Access.Tests.Properties;

/// <summary>
/// One call of a generated case: a valid request message, broken in one field when <see cref="Broken"/> is set,
/// in which case the api must fail the call naming that field and change nothing. <see cref="Call"/> names the
/// method where the message does not say it.
/// </summary>
public sealed record RequestOp(IMessage Valid, Breakage? Broken = null, string Call = "")
{
    /// <summary>The message as sent: the valid one, or a copy of it with the breakage applied.</summary>
    public IMessage Message(long nowMs)
    {
        if (Broken is null)
        {
            return Valid;
        }

        var broken = Valid.Descriptor.Parser.ParseFrom(Valid.ToByteString());
        Broken.Apply(broken, nowMs);
        return broken;
    }

    public override string ToString() =>
        $"{Call}{Valid.Descriptor.Name} {Shorten(Valid.ToString() ?? "")}{(Broken is { } b ? $" broken: {b}" : "")}";

    private static string Shorten(string json) => json.Length > 300 ? $"{json[..300]}… ({json.Length} chars)" : json;
}

/// <summary>A generated case of calls, made one after the other on one tenant.</summary>
public sealed record RequestCase(IReadOnlyList<RequestOp> Ops)
{
    public override string ToString() => string.Join("\n", Ops.Select(o => o.ToString()));

    /// <summary>One call fewer, then one breakage at its simplest.</summary>
    public IEnumerable<RequestCase> Shrink()
    {
        for (var i = 0; i < Ops.Count; i++)
        {
            yield return new RequestCase([.. Ops.Take(i), .. Ops.Skip(i + 1)]);
        }

        for (var i = 0; i < Ops.Count; i++)
        {
            if (Ops[i].Broken?.Simpler is { } simpler)
            {
                yield return new RequestCase([.. Ops.Take(i), Ops[i] with { Broken = simpler }, .. Ops.Skip(i + 1)]);
            }
        }
    }
}
