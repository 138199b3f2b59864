using System.Text.Json;
using System.Text.Json.Serialization;
using StackExchange.Redis;

namespace FeedbackBot.Redis;

/// <summary>How domain records are written to Redis: camelCase JSON, enums as names (readable in redis-cli, stable across enum reordering).</summary>
internal static class StorageJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T? Read<T>(RedisValue value) where T : class =>
        value.IsNullOrEmpty ? null : JsonSerializer.Deserialize<T>(value.ToString(), Options);
}
