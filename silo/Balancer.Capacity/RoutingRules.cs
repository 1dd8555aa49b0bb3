namespace Balancer.Capacity;

/// <summary>One tenant's routing rules; each rule names the queue it sends to.</summary>
/// <remarks>
/// The rules apply in order: senior for lifetime value above <see cref="SeniorLifetimeValue"/> or at
/// least <see cref="SeniorComplaints"/> complaints within <see cref="ComplaintWindow"/>; then the bot
/// for <see cref="BotIntents"/>, until the conversation has had <see cref="EscalateAfterTouches"/>
/// automated touches; then overflow.
/// </remarks>
public sealed record RoutingRules
{
    private const string Name = nameof(RoutingRules);

    /// <summary>Intents the bot answers, compared ordinally and ignoring case. Default: none.</summary>
    public IReadOnlyList<string> BotIntents { get; init; } = [];

    /// <summary>The bot's queue. Default: "bot".</summary>
    public string BotQueueId { get; init; } = "bot";

    /// <summary>Automated touches after which a bot conversation goes to a human. Default: 2. Range: 1 to 20.</summary>
    public int EscalateAfterTouches { get; init; } = 2;

    /// <summary>The senior queue. Default: "senior".</summary>
    public string SeniorQueueId { get; init; } = "senior";

    /// <summary>
    /// Lifetime value above which a contact goes to the senior queue; null turns the rule off.
    /// Default: 5,000. Range: 0 or more.
    /// </summary>
    public decimal? SeniorLifetimeValue { get; init; } = 5_000m;

    /// <summary>
    /// Complaints by one contact within <see cref="ComplaintWindow"/>, this reply's included, that send
    /// it to the senior queue; null turns the rule off. Default: 2. Range: 1 to 100.
    /// </summary>
    public int? SeniorComplaints { get; init; } = 2;

    /// <summary>How far back complaints count. Default: 30 days. Range: 1 minute to 366 days.</summary>
    public TimeSpan ComplaintWindow { get; init; } = TimeSpan.FromDays(30);

    /// <summary>The shared overflow queue. Default: "overflow".</summary>
    public string OverflowQueueId { get; init; } = "overflow";

    /// <summary>Each problem, naming the rule; empty when the rules are usable.</summary>
    public IEnumerable<string> Validate()
    {
        foreach (var (name, id) in new[]
        {
            (nameof(BotQueueId), BotQueueId), (nameof(SeniorQueueId), SeniorQueueId),
            (nameof(OverflowQueueId), OverflowQueueId),
        })
        {
            if (string.IsNullOrWhiteSpace(id))
            {
                yield return $"{Name}:{name} must name a queue.";
            }
        }

        if (BotIntents is null || BotIntents.Any(string.IsNullOrWhiteSpace))
        {
            yield return $"{Name}:{nameof(BotIntents)} must be a list of intents, none of them empty.";
        }

        if (EscalateAfterTouches is < 1 or > 20)
        {
            yield return $"{Name}:{nameof(EscalateAfterTouches)} must be from 1 to 20; it is {EscalateAfterTouches}.";
        }

        if (SeniorLifetimeValue < 0)
        {
            yield return $"{Name}:{nameof(SeniorLifetimeValue)} must be 0 or more; it is {SeniorLifetimeValue}.";
        }

        if (SeniorComplaints is < 1 or > 100)
        {
            yield return $"{Name}:{nameof(SeniorComplaints)} must be from 1 to 100; it is {SeniorComplaints}.";
        }

        if (ComplaintWindow < TimeSpan.FromMinutes(1) || ComplaintWindow > TimeSpan.FromDays(366))
        {
            yield return $"{Name}:{nameof(ComplaintWindow)} must be from 1 minute to 366 days; " +
                $"it is {ComplaintWindow}.";
        }
    }
}
