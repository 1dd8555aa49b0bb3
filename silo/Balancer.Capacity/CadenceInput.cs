namespace Balancer.Capacity;

/// <summary>One decision's inputs: the tenant's pressure, its team, its queues and its sequences.</summary>
/// <param name="BreachLevel">The breach level that drives the grades, the tenant's or its worst queue's.</param>
/// <param name="SendsRatioExceeded">Automated sends per human reply are past their limit.</param>
/// <param name="LiveChatWait">The oldest wait in the tenant's chat queues, if any.</param>
/// <param name="Team">The agents' spare capacity; without it there is no look-ahead.</param>
/// <param name="Queues">Each queue's figures; the look-ahead needs at least one that is not chat.</param>
/// <param name="HumanArrivalsPerHour">
/// Conversations for humans arriving per hour, from every source, in the queues that are not chat.
/// </param>
/// <param name="ChatArrivalsPerHour">Conversations for humans arriving per hour in the chat queues.</param>
/// <param name="OtherArrivalsAhead">
/// Conversations for humans expected in each coming hour from what no sequence sends (see
/// <see cref="ArrivalProfile"/>); null to carry the last hour's rate forward.
/// </param>
public sealed record CadenceInput(
    DateTimeOffset Now,
    Severity BreachLevel,
    bool SendsRatioExceeded,
    TimeSpan? LiveChatWait,
    IReadOnlyList<SequenceSignal> Sequences,
    TeamCapacity? Team = null,
    IReadOnlyList<QueueSignal>? Queues = null,
    double HumanArrivalsPerHour = 0,
    IReadOnlyList<double>? OtherArrivalsAhead = null,
    double ChatArrivalsPerHour = 0)
{
    /// <summary>Conversations for humans arriving per hour now, outside chat, that no sequence made.</summary>
    public double OtherArrivalsPerHour =>
        Math.Max(0, HumanArrivalsPerHour - Sequences.Where(s => !s.FeedsChat).Sum(s => s.HumanRepliesPerHour));
}

/// <summary>What the controller knows of one sequence.</summary>
/// <param name="HumanRepliesPerHour">The human work the sequence creates now.</param>
/// <param name="ConversionRate">Conversions over sends; null while unknown, ranked as zero.</param>
/// <param name="FeedsChat">Its replies land in a live chat queue.</param>
/// <param name="HumanMinutesPerSend">
/// The human work one more send will create: reply rate × human share × measured handle time.
/// </param>
/// <param name="DemandSendsPerHour">
/// The sends it would make in the coming hour if nothing held it back: those due and waiting plus its pace.
/// </param>
/// <param name="ReplyLag">The measured mean time from a send to its reply; null before any reply.</param>
/// <param name="SentPerHour">Its pace of sends now: over the last 15 minutes, or the hour if higher.</param>
public sealed record SequenceSignal(
    string SequenceId,
    bool Urgent,
    bool FeedsChat,
    double HumanRepliesPerHour,
    double? ConversionRate,
    double HumanMinutesPerSend = 0,
    double DemandSendsPerHour = 0,
    TimeSpan? ReplyLag = null,
    double SentPerHour = 0)
{
    /// <summary>The human minutes an hour its demand would create.</summary>
    public double DemandMinutesPerHour => DemandSendsPerHour * HumanMinutesPerSend;
}

/// <summary>The agents' spare capacity, as the look-ahead reads it.</summary>
/// <param name="HandleTime">
/// The measured mean handle time, which is the agents' measured pace per slot; null until one is measured.
/// </param>
public sealed record TeamCapacity(IReadOnlyList<AgentOutlook> Agents, TimeSpan? HandleTime);

/// <summary>One agent as the look-ahead sees it.</summary>
/// <param name="RemainingToday">What the daily ceiling still allows today (the UTC day).</param>
/// <param name="Roster">
/// The share of each coming hour, from now, the agent is rostered online; null when no roster is
/// known, which counts an online agent for the whole look-ahead and an offline one not at all.
/// </param>
/// <param name="Queues">The queues the agent serves; null or empty for every queue.</param>
public sealed record AgentOutlook(
    string AgentId,
    bool Online,
    int Slots,
    int FreeSlots,
    int RemainingToday,
    int DailyCeiling,
    IReadOnlyList<double>? Roster = null,
    IReadOnlyList<string>? Queues = null)
{
    /// <summary>Whether the agent serves any of <paramref name="queueIds"/>.</summary>
    public bool Serves(IEnumerable<string> queueIds) =>
        Queues is not { Count: > 0 } served || queueIds.Any(q => served.Contains(q, StringComparer.Ordinal));
}

/// <summary>One queue's figures, as the controller reads them.</summary>
/// <param name="Waiting">Conversations waiting for their first human response.</param>
/// <param name="BreachRate">Over the warning window; null below the minimum sample.</param>
/// <param name="BreachTrend">
/// The breach rate over the last 15 minutes less the one over the hour: above 0 it is getting worse;
/// null when either is unknown.
/// </param>
/// <param name="TimeToClear">At the last hour's pace; null when some wait and nobody answered.</param>
/// <param name="HandleTime">The mean handle time measured in this queue; null before any.</param>
public sealed record QueueSignal(
    string QueueId,
    TimeSpan ReplyWindow,
    bool Chat,
    int Waiting,
    double? BreachRate,
    double? BreachTrend,
    TimeSpan? TimeToClear,
    TimeSpan? HandleTime = null);
