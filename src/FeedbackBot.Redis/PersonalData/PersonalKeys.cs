using FeedbackBot.Core.People;
using StackExchange.Redis;

namespace FeedbackBot.Redis.PersonalData;

/// <summary>
/// Keys of issue 13's data rights and ratings (beside <see cref="Keys"/>, which holds the rest of the scheme):
/// <list type="bullet">
/// <item><c>{p}:{slack:T1}:ratings:{user}</c> — hash: feedback id → the person's "was it useful?" rating (JSON).</item>
/// <item><c>{p}:{slack:T1}:values:{user}</c> — hash: feedback id → the values a giver recognised in the person (JSON, no giver).</item>
/// <item><c>{p}:yearly</c> — sorted set: person key → next "your year in feedback" time (opted-in people only).</item>
/// </list>
/// </summary>
public sealed class PersonalKeys(Keys keys)
{
    public RedisKey Ratings(PersonRef p) => $"{keys.Prefix}:{Keys.Tag(p.Workspace)}:ratings:{p.UserId}";

    public RedisKey Values(PersonRef p) => $"{keys.Prefix}:{Keys.Tag(p.Workspace)}:values:{p.UserId}";

    public RedisKey Address(PersonRef p) => $"{keys.Prefix}:{Keys.Tag(p.Workspace)}:addr:{p.UserId}";

    public RedisKey Yearly => $"{keys.Prefix}:yearly";
}
