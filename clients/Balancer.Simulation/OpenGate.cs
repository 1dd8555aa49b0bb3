namespace Balancer.Simulation;

/// <summary>The run that only observes: every send goes when due.</summary>
internal sealed class OpenGate : ISendGate
{
    public GateAnswer Ask(int sequence, int step, int count, DateTimeOffset now) => new(count, null);

    public double StretchFactor(int sequence) => 1;
}
