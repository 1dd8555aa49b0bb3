using Balancer.Api.Hosting;

namespace Balancer.Access.Tests.Properties;

/// <summary>
/// The reasons Balancer words alike wherever the field is, in events and in requests: an id or a text too long,
/// an id missing or holding a forbidden character, an id naming nothing. Other reasons are checked to be given.
/// </summary>
public static class Reasons
{
    public const string Forbidden = "may not contain '/', white space or control characters";

    public static string? Of(Breakage broken, ApiOptions limits)
    {
        var field = broken.Field;
        var limit = field switch
        {
            "event_id" => limits.MaxEventIdLength,
            _ when field.EndsWith("bot_transcript", StringComparison.Ordinal) => limits.MaxTranscriptLength,
            _ when IsText(field) => limits.MaxTextLength,
            _ => limits.MaxIdLength,
        };
        return (broken.Harm, broken.Value) switch
        {
            ("too long", string s) => $"is {s.Length} characters long; the limit is {limit}",
            ("forbidden character", _) => Forbidden,
            ("missing", _) when (field.EndsWith("_id", StringComparison.Ordinal) || field == "id") &&
                field != "reply.queue_id" => "is required",
            ("missing", _) when field == "control" || field.Contains("bot_intents[", StringComparison.Ordinal) =>
                "is required",
            ("unknown", string id) when field == "queue_id" => $"names no configured queue: '{id}'",
            ("unknown", string id) when field.EndsWith("queue_id", StringComparison.Ordinal) =>
                $"no queue '{id}' is configured for this tenant",
            ("unknown", string id) when field.EndsWith("agent_id", StringComparison.Ordinal) =>
                $"no agent '{id}' is configured for this tenant",
            ("unknown", string id) when field.EndsWith("sequence_id", StringComparison.Ordinal) =>
                $"no sequence '{id}' is configured for this tenant",
            _ => null,
        };
    }

    private static bool IsText(string field) =>
        field.EndsWith("intent", StringComparison.Ordinal) || field.EndsWith("name", StringComparison.Ordinal) ||
        field.EndsWith("trigger_source", StringComparison.Ordinal) ||
        field.Contains("bot_intents", StringComparison.Ordinal);
}
