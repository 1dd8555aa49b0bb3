using Balancer.Capacity;

namespace Balancer.Simulation;

/// <summary>
/// A world to simulate: the queues, the team and its shifts, the usual inbound load, and the
/// sequences with their steps, over a number of days. Read from a JSON file by
/// <see cref="ScenarioFile"/>, which names the field of every problem it finds.
/// </summary>
/// <remarks>Times of day are UTC; day 0 is the day of <see cref="Start"/>.</remarks>
public sealed record Scenario
{
    public string Name { get; init; } = "";

    public string Description { get; init; } = "";

    /// <summary>Midnight UTC of the first simulated day.</summary>
    public DateTimeOffset Start { get; init; }

    /// <summary>Days on which load is generated. Range: 1 to 28.</summary>
    public int Days { get; init; }

    /// <summary>
    /// How long a run may go on after the last day so that every deferred send goes out and every
    /// conversation is answered. What is still unsent then counts as lost. Default: 28 days.
    /// </summary>
    public TimeSpan DrainLimit { get; init; } = TimeSpan.FromDays(28);

    /// <summary>How often the figures are sampled for the plot. Default: 15 minutes.</summary>
    public TimeSpan SampleEvery { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// The spread of handle times around each agent's mean, as the sigma of a log-normal factor
    /// whose mean is 1. Default: 0.5. Range: 0 to 2.
    /// </summary>
    public double HandleTimeSpread { get; init; } = 0.5;

    /// <summary>
    /// From an offer to the agent's first response; the rest of the handle time follows it.
    /// Default: 2 minutes. Range: 0 to 1 hour.
    /// </summary>
    public TimeSpan FirstResponseAfter { get; init; } = TimeSpan.FromMinutes(2);

    public IReadOnlyList<QueueSpec> Queues { get; init; } = [];

    public IReadOnlyList<IntentSpec> Intents { get; init; } = [];

    /// <summary>The tiers' rules for email and SMS replies; its queues must be among <see cref="Queues"/>.</summary>
    public RoutingRules Routing { get; init; } = new();

    /// <summary>The tiers' rules for chat replies; null when nothing is on chat.</summary>
    public RoutingRules? ChatRouting { get; init; }

    public BotSpec Bot { get; init; } = new();

    /// <summary>
    /// How much longer a human takes over an escalated conversation, reading the bot's transcript
    /// first. Default: 1.5. Range: 1 to 10.
    /// </summary>
    public double EscalationHandleFactor { get; init; } = 1.5;

    public IReadOnlyList<AgentSpec> Agents { get; init; } = [];

    public IReadOnlyList<InboundSpec> Inbound { get; init; } = [];

    public IReadOnlyList<SequenceSpec> Sequences { get; init; } = [];

    /// <summary>The controller's options for the run with Balancer acting; the defaults where absent.</summary>
    public CadenceOptions Cadence { get; init; } = new();

    /// <summary>Send admission's options for the run with Balancer acting.</summary>
    public AdmissionOptions Admission { get; init; } = new();

    /// <summary>The assignment board's options, the same in all three runs.</summary>
    public AssignmentOptions Assignment { get; init; } = new();

    /// <summary>The overflow queue's priority score, the same in all three runs.</summary>
    public PriorityOptions Priority { get; init; } = new();

    /// <summary>What the levers cost: the cost per resolved conversation is priced with it.</summary>
    public CostModel Costs { get; init; } = new();

    /// <summary>How the static cap is tuned.</summary>
    public StaticCapSpec StaticCap { get; init; } = new();

    /// <summary>The end of the last day with load.</summary>
    public DateTimeOffset End => Start + TimeSpan.FromDays(Days);
}

/// <summary>Where conversations wait, with the reply window promised on them.</summary>
public sealed record QueueSpec
{
    public string Id { get; init; } = "";

    public Channel Channel { get; init; } = Channel.Email;

    public TimeSpan ReplyWindow { get; init; }
}

/// <summary>What a customer writes about, and how well the bot does with it.</summary>
public sealed record IntentSpec
{
    public string Name { get; init; } = "";

    /// <summary>
    /// The share of this intent's conversations the bot resolves within the automated touches it is
    /// allowed, when routing gives it the intent; the rest escalate to a human.
    /// </summary>
    public double BotResolves { get; init; }

    /// <summary>A complaint: it counts towards the contact's repeat complaints.</summary>
    public bool Complaint { get; init; }
}

/// <summary>The bot of tier 1, as the simulation plays it.</summary>
public sealed record BotSpec
{
    /// <summary>
    /// From one automated touch to the customer's next message when the touch did not resolve it.
    /// Default: 3 minutes.
    /// </summary>
    public TimeSpan TouchTime { get; init; } = TimeSpan.FromMinutes(3);
}

/// <summary>One person who answers.</summary>
public sealed record AgentSpec
{
    public string Id { get; init; } = "";

    /// <summary>Seniors take the senior queue; everyone may take the others. Default: Standard.</summary>
    public AgentTier Tier { get; init; } = AgentTier.Standard;

    /// <summary>The queues this agent serves; all when empty.</summary>
    public IReadOnlyList<string> Queues { get; init; } = [];

    /// <summary>Conversations held at once. Range: 1 to 20.</summary>
    public int Slots { get; init; } = 1;

    /// <summary>Replies a day past which the agent is offered no more. Range: 1 to 500.</summary>
    public int DailyCeiling { get; init; } = 30;

    /// <summary>The mean time from first response to resolution.</summary>
    public TimeSpan HandleTime { get; init; }

    public IReadOnlyList<ShiftSpec> Shifts { get; init; } = [];
}

/// <summary>Hours an agent is online on some days of the week.</summary>
public sealed record ShiftSpec
{
    public IReadOnlyList<DayOfWeek> Days { get; init; } = [];

    public TimeOnly Start { get; init; }

    public TimeOnly End { get; init; }
}

/// <summary>The load that arrives whatever the sequences do: customers writing in.</summary>
public sealed record InboundSpec
{
    public string Name { get; init; } = "";

    public Channel Channel { get; init; } = Channel.Email;

    /// <summary>Conversations on a day whose weekday factor is 1.</summary>
    public double PerDay { get; init; }

    /// <summary>24 relative weights, one per hour of the day (UTC).</summary>
    public IReadOnlyList<double> Hourly { get; init; } = [];

    /// <summary>7 factors, Monday first; all 1 when empty.</summary>
    public IReadOnlyList<double> Weekdays { get; init; } = [];

    /// <summary>Relative weights of the intents customers write about.</summary>
    public IReadOnlyDictionary<string, double> Intents { get; init; } = new Dictionary<string, double>();

    public ContactSpec Contacts { get; init; } = new();

    /// <summary>
    /// How many different customers write in: each conversation is one of them at random, so some
    /// write twice and repeat complaints reach tier 2. Default: 5000. Range: 1 to 10,000,000.
    /// </summary>
    public int ContactPool { get; init; } = 5000;
}

/// <summary>Who the contacts are, for tier 2 routing and cost.</summary>
public sealed record ContactSpec
{
    /// <summary>The median lifetime value; drawn log-normal with <see cref="ValueSpread"/>. Default: 400.</summary>
    public double MedianLifetimeValue { get; init; } = 400;

    /// <summary>Sigma of the log-normal lifetime value. Default: 1.2.</summary>
    public double ValueSpread { get; init; } = 1.2;

}

/// <summary>An automated engagement flow and the contacts it enrols.</summary>
public sealed record SequenceSpec
{
    public string Id { get; init; } = "";

    public Channel Channel { get; init; } = Channel.Email;

    /// <summary>Urgent or transactional: protected from throttling by Balancer.</summary>
    public bool Urgent { get; init; }

    /// <summary>Part of the campaign the scenario is about, not of the usual load; reported apart.</summary>
    public bool Campaign { get; init; }

    /// <summary>What enrols a contact: a sign-up, an abandoned cart, an invoice.</summary>
    public string Trigger { get; init; } = "";

    /// <summary>When the sequencer sends at all; a step due outside it waits for the next opening.</summary>
    public ShiftSpec SendWindow { get; init; } = new();

    public EnrolmentSpec Enrolments { get; init; } = new();

    /// <summary>The mean time from a send to its reply; drawn exponential.</summary>
    public TimeSpan ReplyLag { get; init; }

    /// <summary>Relative weights of the intents replies are about.</summary>
    public IReadOnlyDictionary<string, double> Intents { get; init; } = new Dictionary<string, double>();

    public ContactSpec Contacts { get; init; } = new();

    /// <summary>In order; a contact who replies or converts leaves the sequence.</summary>
    public IReadOnlyList<StepSpec> Steps { get; init; } = [];
}

/// <summary>How contacts enter a sequence: a steady trickle and one-off blasts.</summary>
public sealed record EnrolmentSpec
{
    /// <summary>Contacts a day, spread at random over the send window.</summary>
    public double PerDay { get; init; }

    /// <summary>The days (0 is the first) on which the trickle runs; every day when empty.</summary>
    public IReadOnlyList<int> Days { get; init; } = [];

    public IReadOnlyList<BlastSpec> Blasts { get; init; } = [];
}

/// <summary>Many contacts enrolled at one moment: a campaign launch.</summary>
public sealed record BlastSpec
{
    public int Day { get; init; }

    public TimeOnly At { get; init; }

    public int Contacts { get; init; }
}

/// <summary>One automated touch of a sequence.</summary>
public sealed record StepSpec
{
    public string Name { get; init; } = "";

    /// <summary>After the previous step went out (after enrolment for the first).</summary>
    public TimeSpan Delay { get; init; }

    /// <summary>The share of sends that get a reply.</summary>
    public double ReplyRate { get; init; }

    /// <summary>The share of sends that convert.</summary>
    public double Conversion { get; init; }
}

/// <summary>Bounds of the bisection that tunes the static cap.</summary>
public sealed record StaticCapSpec
{
    /// <summary>The tightest cap tried, in sends per hour per sequence. Default: 1.</summary>
    public int Min { get; init; } = 1;

    /// <summary>The loosest cap tried. Default: 512.</summary>
    public int Max { get; init; } = 512;
}
