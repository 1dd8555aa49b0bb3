using System.Collections;
using System.Globalization;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Balancer.Access.Tests.Properties;

/// <summary>A repeated field set to this many elements: the last one copied, or elements dropped at the end.</summary>
public sealed record Resize(int Count)
{
    public override string ToString() => $"{Count} elements";
}

/// <summary>
/// Sets a field of a protobuf message by the path Balancer's errors name it with, such as <c>send.step</c>,
/// <c>steps[2].delay_seconds</c> or <c>control.bot_intents</c>, through the messages' own descriptors: a
/// generator breaks any field of the schema the same way. Enums take any integer, as proto3 allows on the wire;
/// null clears a field, or a oneof named by its own name.
/// </summary>
public static class MessagePaths
{
    public static void Set(IMessage root, string path, object? value)
    {
        var segments = path.Split('.');
        var message = root;
        foreach (var segment in segments[..^1])
        {
            message = Child(message, segment);
        }

        Leaf(message, segments[^1], value);
    }

    private static IMessage Child(IMessage message, string segment)
    {
        var (name, index) = Parse(segment);
        var field = Field(message, name);
        var value = field.Accessor.GetValue(message);
        if (index is { } i)
        {
            return (IMessage)((IList)value)[i]!;
        }

        if (value is null)
        {
            value = field.MessageType.Parser.ParseFrom(ByteString.Empty);
            field.Accessor.SetValue(message, value);
        }

        return (IMessage)value;
    }

    private static void Leaf(IMessage message, string segment, object? value)
    {
        var (name, index) = Parse(segment);
        if (index is null && message.Descriptor.Oneofs.FirstOrDefault(o => o.Name == name) is { } oneof)
        {
            oneof.Accessor.Clear(message);
            return;
        }

        var field = Field(message, name);
        if (index is { } i)
        {
            ((IList)field.Accessor.GetValue(message))[i] = Convert(field, value);
        }
        else if (value is Resize resize)
        {
            var list = (IList)field.Accessor.GetValue(message);
            while (list.Count > resize.Count)
            {
                list.RemoveAt(list.Count - 1);
            }

            while (list.Count < resize.Count)
            {
                list.Add(list.Count == 0 ? Default(field) : Copy(list[^1]!));
            }
        }
        else if (value is null)
        {
            field.Accessor.Clear(message);
        }
        else
        {
            field.Accessor.SetValue(message, Convert(field, value));
        }
    }

    private static FieldDescriptor Field(IMessage message, string name) =>
        message.Descriptor.FindFieldByName(name)
        ?? throw new ArgumentException($"{message.Descriptor.Name} has no field {name}.", nameof(name));

    private static (string Name, int? Index) Parse(string segment)
    {
        var open = segment.IndexOf('[', StringComparison.Ordinal);
        return open < 0
            ? (segment, null)
            : (segment[..open], int.Parse(segment[(open + 1)..^1], CultureInfo.InvariantCulture));
    }

    private static object Convert(FieldDescriptor field, object? value) => field.FieldType switch
    {
        FieldType.Enum => Enum.ToObject(field.EnumType.ClrType, ToInt32(value)),
        FieldType.Int32 => ToInt32(value),
        FieldType.Int64 => System.Convert.ToInt64(value, CultureInfo.InvariantCulture),
        FieldType.Double => System.Convert.ToDouble(value, CultureInfo.InvariantCulture),
        _ => value ?? throw new ArgumentNullException(nameof(value)),
    };

    private static int ToInt32(object? value) => System.Convert.ToInt32(value, CultureInfo.InvariantCulture);

    private static object Default(FieldDescriptor field) => field.FieldType switch
    {
        FieldType.Message => field.MessageType.Parser.ParseFrom(ByteString.Empty),
        FieldType.String => "",
        _ => throw new ArgumentException($"No default element for {field.FullName}.", nameof(field)),
    };

    private static object Copy(object element) =>
        element is IMessage message ? message.Descriptor.Parser.ParseFrom(message.ToByteString()) : element;
}
