namespace Balancer.Access.Tests.Properties;

/// <summary>How a valid event's id is written: any character is allowed in an event id, up to its limit.</summary>
public enum IdStyle
{
    Plain,
    Slashed,
    Spaced,
    Control,
    Longest,
}

/// <summary>
/// One event of a generated batch. <see cref="Slot"/> names it within its case. It is <see cref="What"/>, broken in
/// one field when <see cref="Broken"/> is set; it takes the id of the event in slot <see cref="RepeatOf"/> of the
/// same batch, or of an event the tenant accepted in an earlier case (<see cref="Earlier"/>, counted from the
/// oldest, modulo how many there are), whose content it then copies when <see cref="Copy"/> is set.
/// </summary>
public sealed record CaseEvent(
    int Slot, Planned What, Breakage? Broken = null, int? RepeatOf = null, int? Earlier = null, bool Copy = false,
    IdStyle Style = IdStyle.Plain)
{
    public override string ToString()
    {
        var how = Broken is { } b ? $" broken: {b}" : "";
        var id = RepeatOf is { } r ? $" with the id of slot {r}" : Earlier is { } k ? $" with earlier id #{k}" : "";
        var style = Style == IdStyle.Plain ? "" : $" ({Style} id)";
        return $"[{Slot}] {(Copy && Earlier is not null ? "a copy of the earlier event" : What)}{how}{id}{style}";
    }
}

/// <summary>A generated batch: its id and its events in batch order.</summary>
public sealed record EventCase(string BatchId, IReadOnlyList<CaseEvent> Events)
{
    public override string ToString() =>
        $"batch {Breakage.Show(BatchId)}:\n  {string.Join("\n  ", Events.Select(e => e.ToString()))}";

    /// <summary>
    /// Smaller cases for FsCheck to try after a failure: one event fewer, then one breakage at its simplest, then
    /// one id plain. The run judges any of them by the same rules, whatever it dropped.
    /// </summary>
    public IEnumerable<EventCase> Shrink()
    {
        for (var i = 0; i < Events.Count; i++)
        {
            yield return this with { Events = [.. Events.Take(i), .. Events.Skip(i + 1)] };
        }

        for (var i = 0; i < Events.Count; i++)
        {
            if (Events[i].Broken?.Simpler is { } simpler)
            {
                yield return With(i, Events[i] with { Broken = simpler });
            }
        }

        for (var i = 0; i < Events.Count; i++)
        {
            if (Events[i].Style != IdStyle.Plain)
            {
                yield return With(i, Events[i] with { Style = IdStyle.Plain });
            }
        }

        if (BatchId.Length > 0)
        {
            yield return this with { BatchId = "" };
        }
    }

    private EventCase With(int index, CaseEvent replaced) =>
        this with { Events = [.. Events.Take(index), replaced, .. Events.Skip(index + 1)] };
}
