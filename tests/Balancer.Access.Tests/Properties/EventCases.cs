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

/// <summary>How an event of an earlier batch of the case is sent again.</summary>
public enum Resend
{
    /// <summary>As it was, as after a lost acknowledgement.</summary>
    Same,

    /// <summary>As it should have been: without the breakage it had.</summary>
    Fixed,

    /// <summary>With the same id and other content.</summary>
    Other,
}

/// <summary>Sends again the event in slot <see cref="Slot"/> of batch <see cref="Batch"/> of the same case.</summary>
public sealed record Again(int Batch, int Slot, Resend How)
{
    public override string ToString() => $"{How} as batch {Batch} slot {Slot}";
}

/// <summary>
/// One event of a generated batch. <see cref="Slot"/> names it within its case. It is <see cref="What"/>, broken in
/// one field when <see cref="Broken"/> is set; it takes the id of the event in slot <see cref="RepeatOf"/> of the
/// same batch, or of an event the tenant accepted in an earlier case (<see cref="Earlier"/>, counted from the
/// oldest, modulo how many there are), whose content it then copies when <see cref="Copy"/> is set; or it sends
/// an event of an earlier batch of the case <see cref="Again"/>.
/// </summary>
public sealed record CaseEvent(
    int Slot, Planned What, Breakage? Broken = null, int? RepeatOf = null, int? Earlier = null, bool Copy = false,
    IdStyle Style = IdStyle.Plain, Again? Again = null)
{
    public override string ToString()
    {
        var how = Broken is { } b ? $" broken: {b}" : "";
        var id = RepeatOf is { } r ? $" with the id of slot {r}"
            : Earlier is { } k ? $" with earlier id #{k}"
            : Again is { } a ? $" sent again: {a}"
            : "";
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

/// <summary>Batches sent in order by <c>Submit</c> or on one stream; later ones send earlier events again.</summary>
public sealed record RepeatCase(bool Stream, IReadOnlyList<EventCase> Batches)
{
    public override string ToString() =>
        $"{(Stream ? "on one stream" : "by Submit")}:\n{string.Join("\n", Batches.Select(b => b.ToString()))}";

    /// <summary>Without the last batch, by <c>Submit</c>, then each batch shrunk as a batch of its own is.</summary>
    public IEnumerable<RepeatCase> Shrink()
    {
        if (Batches.Count > 1)
        {
            yield return this with { Batches = [.. Batches.Take(Batches.Count - 1)] };
        }

        if (Stream)
        {
            yield return this with { Stream = false };
        }

        for (var i = 0; i < Batches.Count; i++)
        {
            foreach (var smaller in Batches[i].Shrink())
            {
                yield return this with { Batches = [.. Batches.Take(i), smaller, .. Batches.Skip(i + 1)] };
            }
        }
    }
}

/// <summary>
/// A batch the api must refuse whole: its <see cref="Field"/> is <c>batch_id</c>, whose length is
/// <see cref="Size"/>, or <c>events</c>, padded with sends to <see cref="Size"/> events. The batches
/// <see cref="Before"/> it go first, on the same stream when <see cref="Stream"/> is set.
/// </summary>
public sealed record OversizedCase(
    bool Stream, IReadOnlyList<EventCase> Before, EventCase Batch, string Field, int Size)
{
    public override string ToString() =>
        $"{(Stream ? "on one stream" : "by Submit")}, {Field} of {Size}, after {Before.Count} batches:\n" +
        string.Join("\n", [.. Before.Select(b => b.ToString()), Batch.ToString()]);

    public IEnumerable<OversizedCase> Shrink()
    {
        if (Before.Count > 0)
        {
            yield return this with { Before = [.. Before.Take(Before.Count - 1)] };
        }

        if (Stream)
        {
            yield return this with { Stream = false };
        }

        foreach (var smaller in Batch.Shrink())
        {
            if (Field != "batch_id" || smaller.BatchId == Batch.BatchId)
            {
                yield return this with { Batch = smaller };
            }
        }
    }
}
