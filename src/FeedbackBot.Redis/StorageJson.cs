using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.Requests;
using StackExchange.Redis;

namespace FeedbackBot.Redis;

/// <summary>How domain records are written to Redis: camelCase JSON, enums as names (readable in redis-cli, stable across enum reordering).</summary>
internal static class StorageJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        // The records every give and request reads and writes have generated metadata (no reflection, nothing
        // built under a burst's first requests); the rest is reflected. Same options, so the same text either way.
        TypeInfoResolver = JsonTypeInfoResolver.Combine(StorageJsonContext.Default, new DefaultJsonTypeInfoResolver()),
    };

    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T? Read<T>(RedisValue value) where T : class =>
        value.IsNullOrEmpty ? null : JsonSerializer.Deserialize<T>(value.ToString(), Options);
}

/// <summary>Generated metadata of the hot storage records; the options (enum names, nulls left out) are <see cref="StorageJson"/>'s.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(FeedbackItem))]
[JsonSerializable(typeof(FeedbackRequest))]
internal sealed partial class StorageJsonContext : JsonSerializerContext;
