using FeedbackBot.Core.Coaching;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Testing;
using Microsoft.Extensions.Logging;
using static FeedbackBot.Core.Tests.Coaching.RuleReview;

namespace FeedbackBot.Core.Tests.Coaching;

/// <summary>
/// Coach v9's <c>why</c> rules (docs/coach.md, "Coach v9"), each in every language it applies to, on drafts written for
/// these tests (not taken from a labelled set), with the look-alikes each rule must leave alone; and what happens to
/// an exception inside a rule (fails a test, is handled and logged in production).
/// </summary>
public sealed class CoachV9RuleTests
{
    [Theory]
    // The writer's side as the object of a verb, in any clause.
    [InlineData("es", "Tu hoja de turnos del lunes nos salvó la semana.", "nos salvó")]
    [InlineData("es", "Cerraste el trato sin revisar el descuento y nos quedamos sin margen.", "nos quedamos")]
    [InlineData("de", "Deine Checkliste für den Umzug hat uns am Samstag getragen.", "uns am")]
    [InlineData("de", "Dein Leitfaden vom Frühjahr prägt uns bis heute.", "uns bis")]
    // Spanish: what did not happen, a negation opening a later clause with a third-person or "we" verb.
    [InlineData("es", "Cambiaste el horario sin avisar y el almacén no abrió a tiempo.", "no abrió")]
    [InlineData("es", "Mandaste la factura sin el número de pedido, y en compras no sabían a quién asignarla.", "no sabían")]
    // German: a second main clause after a comma or a dash, with no connective: what followed.
    [InlineData("de", "Der Server im Keller war seit gestern aus, die Bestellungen stapeln sich im Lager.", "die Bestellungen stapeln")]
    [InlineData("de", "Du hast am Freitag die Hotline übernommen – die Warteschlange war am Montag leer.", "die Warteschlange war")]
    [InlineData("de", "Deine Einarbeitung im Oktober war gründlich, die neue Kollegin hat ab Tag drei allein gearbeitet.", "die neue Kollegin")]
    // ... also with its verb second after an adverb.
    [InlineData("de", "Du hast das Angebot am Montag an die Stadt geschickt, gestern kam die Zusage.", "kam die Zusage")]
    [InlineData("de", "Die Vorlage, die du im Mai gebaut hast, nutzt inzwischen die ganze Abteilung.", "inzwischen die ganze Abteilung")]
    // German: a demonstrative with its verb right after it is a main clause about the people just named.
    [InlineData("de", "Du hast dem Kunden am Dienstag die Zahlen erklärt – die haben gestern bestellt.", "die haben")]
    [InlineData("de", "Präsentation bei der Stadt heute: top. Die wollen nächste Woche ein Angebot.", "Die wollen")]
    // "kaum noch" is "kaum mehr"; after "seit dem ..." in one clause it says what changed since the event.
    [InlineData("de", "Deine Vorlage für Angebote ist super, im Vertrieb müssen wir kaum noch nachfragen.", "wir kaum")]
    [InlineData("de", "Seit dem Umzug im Mai kommt die Post endlich pünktlich.", "reason: \"Seit dem Umzug im Mai kommt die Post endlich\"")]
    // Kept next to the v9 look-alikes: "se nota en" + how the team works, "seit deinem" (the receiver's action).
    [InlineData("es", "Eres de esas personas que hacen que los lunes se lleven mejor, y eso se nota en cómo trabaja el equipo.", "se nota en")]
    [InlineData("de", "Seit deinem Fix am Montag läuft der Export ohne Fehler.", "Seit deinem")]
    public void Review_V9Effect_IsMet(string language, string text, string evidence)
    {
        var report = Review(text, language);

        Assert.True(report.Why.Verdict == Verdict.Met, Evidence(report.Why));
        Assert.True(report.Why.Evidence.Any(e => e.Contains(evidence, StringComparison.Ordinal)), Evidence(report.Why));
    }

    [Theory]
    // "nos"/"uns" in a request or a question, after a preposition, a reflexive after its subject, "lass uns".
    [InlineData("es", "¿Nos mandas el acta de la reunión del martes?", FeedbackKind.Constructive)]
    [InlineData("de", "Das mit dem Urlaubsplan für Dezember müssen wir uns nochmal anschauen.", FeedbackKind.Constructive)]
    [InlineData("de", "Lass uns den Termin am Montag kurz besprechen.", FeedbackKind.Constructive)]
    [InlineData("de", "Toll, wieder ein Termin am Freitagabend. Super für uns.", FeedbackKind.Constructive)]
    // A negation after a colon (the point introduced), before the receiver's verb, in a question.
    [InlineData("es", "Lo de la reunión del lunes: la sala no tenía proyector.", FeedbackKind.Constructive)]
    [InlineData("es", "Eres un desastre con las entregas, no cambias más.", FeedbackKind.Constructive)]
    [InlineData("es", "El inventario del viernes salió mal, ¿y si el lunes no abrimos la tienda?", FeedbackKind.Constructive)]
    // "se nota en todo/cada": the trait shows everywhere, it names no effect.
    [InlineData("es", "Tu energía en cada reunión se nota en todo lo que haces.", FeedbackKind.Praise)]
    [InlineData("es", "Qué buena onda le ponés, se nota en cada daily.", FeedbackKind.Praise)]
    // German "seit dem Update" alone dates a state.
    [InlineData("de", "Im Handbuch zur Kasse fehlen seit dem Update die Bilder.", null)]
    // A comma before a colon-less request, a relative clause (verb last), a contracted preposition, a short greeting.
    [InlineData("de", "Hätten Sie Zeit, das Handbuch für die Kasse noch um ein Kapitel zu ergänzen?", FeedbackKind.Constructive)]
    [InlineData("de", "Danke für das 'schnelle' Review, das eine Woche gedauert hat.", FeedbackKind.Constructive)]
    [InlineData("de", "Sehr geehrte Frau Berg, im Angebot für die Stadtwerke fehlt die Mehrwertsteuer.", FeedbackKind.Constructive)]
    [InlineData("de", "Servus, die Präsentation gestern beim Vorstand war echt gut.", FeedbackKind.Praise)]
    [InlineData("de", "Zum Sommerfest im Juli: Dort war die Musik zu laut.", FeedbackKind.Constructive)]
    public void Review_V9LookAlike_NamesNoEffect(string language, string text, FeedbackKind? kind)
    {
        var report = Review(text, language, kind);

        Assert.True(report.Why.Verdict == Verdict.Missing, Evidence(report.Why));
    }

    [Fact]
    public void Review_RuleThrows_FailsInTheTestAssembly()
    {
        var coach = new FeedbackCoach(Time) { RuleProbe = _ => throw new InvalidOperationException("broken rule") };

        Assert.True(coach.RethrowInternalErrors);
        var error = Assert.Throws<InvalidOperationException>(() => coach.Review(CoachDraft.FromText("Thanks for the demo on Tuesday.")));
        Assert.Equal("broken rule", error.Message);
    }

    [Fact]
    public void Review_RuleThrowsInProduction_ReportsNothingToReview_AndLogsOnce()
    {
        var logger = new ListLogger<FeedbackCoach>();
        var coach = new FeedbackCoach(Time, logger: logger)
        {
            RethrowInternalErrors = false,
            RuleProbe = _ => throw new InvalidOperationException("broken rule"),
        };

        var report = coach.Review(CoachDraft.FromText("Danke für die Demo am Dienstag, die Kunden haben sofort bestellt."));

        Assert.True(report.NothingToReview);
        Assert.Equal("de", report.Language);
        Assert.Contains(report.Tips, t => t.Code == "internal_error");
        var entry = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Error, entry.Level);
        Assert.Contains("(de, 65 characters)", entry.Message);
        Assert.DoesNotContain("Demo", entry.Message);
    }

    [Fact]
    public void RethrowByDefault_IsSetForThisTestAssembly_SoAgreementTestsFailOnABrokenRule()
    {
        Assert.True(FeedbackCoach.RethrowByDefault);
        Assert.True(new FeedbackCoach(Time).RethrowInternalErrors);
    }
}
