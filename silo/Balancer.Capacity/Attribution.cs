namespace Balancer.Capacity;

/// <summary>The sequence and step that produced a reply, so its breach can be blamed on them.</summary>
/// <param name="SequenceId">Empty for a reply that no sequence produced.</param>
public readonly record struct Attribution(string SequenceId, int Step)
{
    public static readonly Attribution None = new(string.Empty, 0);

    public bool IsNone => SequenceId.Length == 0;
}
