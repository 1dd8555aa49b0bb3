namespace Balancer.Storage;

/// <summary>The journal's PostgreSQL could not be reached, or a command failed or timed out.</summary>
public sealed class JournalUnavailableException : Exception
{
    public JournalUnavailableException()
    {
    }

    public JournalUnavailableException(string message)
        : base(message)
    {
    }

    public JournalUnavailableException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
