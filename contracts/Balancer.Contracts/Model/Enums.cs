namespace Balancer.Contracts.Model;

[GenerateSerializer, Alias("balancer.Channel")]
public enum Channel
{
    Email = 1,
    Sms = 2,
    Chat = 3,
}

[GenerateSerializer, Alias("balancer.AgentTier")]
public enum AgentTier
{
    Standard = 1,
    Senior = 2,
    Contractor = 3,
}

[GenerateSerializer, Alias("balancer.Presence")]
public enum Presence
{
    Offline = 0,
    Online = 1,
    Away = 2,
}

/// <summary>How far a figure is past its thresholds; Normal on a recovery.</summary>
[GenerateSerializer, Alias("balancer.WarningLevel")]
public enum WarningLevel
{
    Normal = 0,
    Warn = 1,
    High = 2,
    Critical = 3,
}

[GenerateSerializer, Alias("balancer.WarningMetric")]
public enum WarningMetric
{
    BreachRate = 1,
    SendsPerHumanReply = 2,
    EscalationRate = 3,
}

/// <summary>How far a sequence is throttled; each grade includes the ones below it.</summary>
[GenerateSerializer, Alias("balancer.DirectiveGrade")]
public enum DirectiveGrade
{
    Normal = 0,
    BlockEnrolments = 1,
    Stretch = 2,
    Hold = 3,
    Pause = 4,
}
