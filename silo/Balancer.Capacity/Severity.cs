namespace Balancer.Capacity;

/// <summary>How far a figure is past its thresholds.</summary>
public enum Severity
{
    Normal = 0,
    Warn = 1,
    High = 2,
    Critical = 3,
}
