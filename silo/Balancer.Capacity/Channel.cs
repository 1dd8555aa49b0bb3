namespace Balancer.Capacity;

/// <summary>How an automated touch reached the contact.</summary>
public enum Channel
{
    Email = 1,
    Sms = 2,
    Chat = 3,
}
