using Balancer.Capacity;

namespace Balancer.Simulation;

/// <summary>
/// Everything one seed draws, fixed before any run starts: who writes in and when, who enrols,
/// and how each send and conversation will turn out. The three runs of a scenario share one
/// workload, so they differ only in what the levers change: when the sends go out.
/// </summary>
public sealed record Workload(IReadOnlyList<InboundArrival> Inbound, IReadOnlyList<Enrolment> Enrolments)
{
    /// <summary>Every send the sequences will make, whatever their timing.</summary>
    public int PlannedSends => Enrolments.Sum(e => e.PlannedSends);
}

/// <summary>How one conversation will go, whenever it happens.</summary>
/// <param name="BotDraw">A uniform draw in [0, 1) that decides whether and when the bot resolves it.</param>
/// <param name="HandleFactor">Its handle time over the agent's mean; log-normal with mean 1.</param>
public sealed record ConversationDraw(string Intent, bool Complaint, double BotDraw, double HandleFactor);

/// <summary>A customer writing in on their own, not in reply to a send.</summary>
public sealed record InboundArrival(
    DateTimeOffset At, Channel Channel, string ContactId, decimal LifetimeValue, ConversationDraw Conversation);

/// <summary>A contact entering a sequence, with how each of its steps will turn out.</summary>
/// <param name="Sequence">The index of the sequence in the scenario.</param>
public sealed record Enrolment(
    int Sequence, string ContactId, DateTimeOffset At, decimal LifetimeValue, IReadOnlyList<StepDraw> Steps)
{
    /// <summary>Sends up to the first reply or conversion, which end the contact's run.</summary>
    public int PlannedSends
    {
        get
        {
            var last = Steps.ToList().FindIndex(s => s.Outcome != StepOutcome.None);
            return last < 0 ? Steps.Count : last + 1;
        }
    }
}

/// <summary>What one send of a step leads to.</summary>
/// <param name="Lag">From the send to the reply or the conversion.</param>
public sealed record StepDraw(StepOutcome Outcome, TimeSpan Lag, ConversationDraw Conversation);

public enum StepOutcome
{
    /// <summary>Nothing; the contact gets the next step.</summary>
    None,

    /// <summary>The contact replies, which opens a conversation and ends their run of the sequence.</summary>
    Reply,

    /// <summary>The contact converts, which ends their run of the sequence.</summary>
    Convert,
}
