using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using FeedbackBot.Core.Coaching;

namespace FeedbackBot.Core.Tests.Coaching;

/// <summary>
/// Every coach this test assembly creates lets an exception inside a rule escape: production turns it into "nothing
/// to review", which in the agreement and rule tests would show only as a lower figure, never as the bug it is.
/// </summary>
internal static class CoachTestSetup
{
    [ModuleInitializer]
    [SuppressMessage("Usage", "CA2255:The 'ModuleInitializer' attribute should not be used in libraries", Justification = "A test assembly: the switch must be set before any test creates a coach.")]
    internal static void RethrowRuleFailures() => FeedbackCoach.RethrowByDefault = true;
}
