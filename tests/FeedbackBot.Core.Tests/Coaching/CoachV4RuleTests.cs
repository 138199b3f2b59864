using FeedbackBot.Core.Coaching;
using FeedbackBot.Core.Feedback;
using Microsoft.Extensions.Time.Testing;

namespace FeedbackBot.Core.Tests.Coaching;

/// <summary>
/// Coach v4's general rules (docs/coach.md, "Coach v4"), each in every language it applies to, on drafts written
/// for these tests (not taken from a labelled set): implicit effects, requests in natural forms, deadlines and
/// ages that date an event, what a copula says about a person, and the look-alikes each rule must leave alone.
/// </summary>
public sealed class CoachV4RuleTests
{
    // 18 March 2026 (Agreement.Now): "im Sommer" is seven months back.
    private static readonly FakeTimeProvider Time = new(Agreement.Now);

    private static CoachReport Review(string text, string language, FeedbackKind kind = FeedbackKind.Praise) =>
        new FeedbackCoach(Time, CoachLanguages.Find(language)).Review(CoachDraft.FromText(text, kind));

    [Theory]
    // A quantity of none, and a cost that did not happen.
    [InlineData("en", "You moved the cutover to Sunday, and not a single store lost a sale.", "number: \"not a single\"")]
    [InlineData("es", "Cambiaste el turno del sábado: cero llamadas sin atender.", "number: \"cero\"")]
    [InlineData("de", "Du hast das Update am Montag eingespielt, und keine einzige Filiale hat angerufen.", "number: \"keine einzige\"")]
    [InlineData("en", "Your setup guide from Monday: the interns got going without asking anyone.", "number: \"without asking anyone\"")]
    [InlineData("es", "Con tu guía del lunes, el equipo migró sin una sola duda.", "number: \"sin una sola\"")]
    [InlineData("de", "Mit deiner Anleitung vom Montag lief der Umzug ohne einen einzigen Anruf.", "number: \"ohne einen einzigen\"")]
    // A range: one quantity turned into another.
    [InlineData("en", "Your caching change cut the report from forty minutes to ten.", "number: \"from forty minutes to ten\"")]
    [InlineData("es", "Tu plantilla bajó las devoluciones de doce a tres por semana.", "number: \"de doce a tres\"")]
    // A causative with who it affected.
    [InlineData("en", "Your Friday digest keeps the support team ahead of the week.", "result: \"keeps the support team\"")]
    [InlineData("es", "Tu guion para la feria hace que los nuevos vendan desde el primer día.", "reason: \"hace que\"")]
    [InlineData("de", "Deine Checkliste für die Inventur sorgt dafür, dass nichts liegen bleibt.", "reason: \"sorgt dafür\"")]
    // A quantity or a comparative in a later clause about who was affected.
    [InlineData("es", "Mandaste el cierre sin revisar y auditoría nos tuvo dos días parados.", "result: \"nos tuvo dos días\"")]
    [InlineData("es", "Gracias por el guion del martes: los clientes cuelgan más contentos.", "result: \"los clientes cuelgan más\"")]
    [InlineData("de", "Der Export hatte Lücken, und das Steuerbüro hat uns eine Rückfrage geschickt.", "result: \"uns eine Rückfrage geschickt\"")]
    [InlineData("en", "You took the pager rota on Friday, and the team had two quiet weekends.", "result: \"the team had two\"")]
    // The main clause after a condition.
    [InlineData("en", "When the nightly build breaks, on-call loses the whole morning.", "result: \"on-call loses the\"")]
    [InlineData("es", "Cuando falta el código postal, reparto pierde una mañana entera.", "result: \"reparto pierde una mañana\"")]
    [InlineData("de", "Wenn das Ticket keine Beschreibung hat, sucht das Team eine Stunde lang.", "result: \"sucht das Team eine\"")]
    // What was averted, a first time said with a possessive, a verb of changed quantity.
    [InlineData("en", "The alert you added on Tuesday fired before any customer noticed.", "result: \"customer noticed\"")]
    [InlineData("es", "Tu README del martes: hoy Lucía ha hecho su primer despliegue.", "reason: \"su primer\"")]
    [InlineData("de", "Dein Skript vom Montag hat die Wartezeit halbiert.", "reason: \"halbiert\"")]
    public void Review_ImplicitEffect_IsAWhy(string language, string text, string evidence)
    {
        var report = Review(text, language);

        Assert.Equal(Verdict.Met, report.Why.Verdict);
        Assert.Contains(evidence, report.Why.Evidence);
    }

    [Theory]
    // After a request, a quantity is the instruction.
    [InlineData("en", "Next time, could you send the deck a day earlier?")]
    [InlineData("es", "Pon una alarma diez minutos antes de la reunión.")]
    [InlineData("de", "Schick die Folien bitte zwei Tage früher.")]
    // A condition whose main clause asks for something.
    [InlineData("de", "Wenn du Zeit hast, schau bitte noch mal über die Folien.")]
    // A quantity of none in the first clause judges; it reports nothing that followed.
    [InlineData("es", "Tienes cero paciencia con los nuevos.")]
    // "geführt" alone is "led", not "led to".
    [InlineData("de", "Das Gespräch am Montag hast du gut geführt.")]
    public void Review_LookAlikes_AreNotAnEffect(string language, string text)
    {
        Assert.Equal(Verdict.Missing, Review(text, language, FeedbackKind.Constructive).Why.Verdict);
    }

    [Fact]
    public void Review_ThanksClosingASentence_IsNotThanksTo()
    {
        Assert.Equal(Verdict.Missing, Review("Tausend Dank!!", "de").Why.Verdict);
        Assert.Equal(Verdict.Met, Review("Dank deiner Vorlage vom Montag waren wir früher fertig.", "de").Why.Verdict);
    }

    [Theory]
    [InlineData("en", "PAY-88 - pls split it into two PRs", "pls")]
    [InlineData("en", "The totals on Monday's sheet look off. Maybe double-check them?", "double")]
    [InlineData("en", "The refund macro still links the old page. Swap in the new URL when you get a sec?", "when you get a")]
    [InlineData("es", "La plantilla de devoluciones dice 15 días. ¿Lo cambias cuando puedas?", "cuando puedas")]
    [InlineData("es", "El informe del lunes salió sin totales. Te agradecería que lo revisaras antes.", "te agradecería")]
    [InlineData("es", "El cierre de marzo salió sin conciliar. En el próximo cierre, concilia primero.", "en el próximo")]
    [InlineData("de", "Im Angebot vom Montag fehlt der Rabatt. Ich wäre dir dankbar, wenn du das ergänzt.", "ich wäre dir dankbar")]
    public void Review_RequestInANaturalForm_IsANextStep(string language, string text, string evidence)
    {
        var report = Review(text, language, FeedbackKind.Constructive);

        Assert.Equal(Verdict.Met, report.Actionable.Verdict);
        Assert.Contains(evidence, report.Actionable.Evidence);
    }

    [Theory]
    [InlineData("en", "Shipping the billing change on a Friday. Let's see how the weekend goes.")]
    [InlineData("de", "Kein Problem, mach ich halt wieder am Wochenende.")]
    public void Review_StatementsThatLookLikeRequests_AreNotANextStep(string language, string text)
    {
        Assert.Equal(Verdict.Missing, Review(text, language, FeedbackKind.Constructive).Actionable.Verdict);
    }

    [Fact]
    public void Review_SavingInAnEffect_IsNotAProblem()
    {
        // The giver did not say praise or constructive: "didn't need to" is a saving, so the draft stays praise.
        var report = new FeedbackCoach(Time, CoachLanguages.Find("en"))
            .Review(CoachDraft.FromText("Your standup notes this morning meant I didn't need to join the sync."));

        Assert.Equal(Verdict.NotApplicable, report.Actionable.Verdict);
        Assert.Equal(Verdict.Met, report.Why.Verdict);
    }

    [Theory]
    [InlineData("en", "The playbook you wrote two years ago is still the one we use.", "two years ago")]
    [InlineData("es", "De la feria de hace seis meses: el stand estaba bien.", "hace seis meses")]
    [InlineData("de", "Die Verhandlung vor einem Jahr zahlt sich noch aus.", "vor einem Jahr")]
    [InlineData("es", "La campaña del año pasado subió la apertura.", "del año pasado")]
    [InlineData("de", "Du warst im Sommer beim Umzug sehr ruhig.", "im Sommer")]
    public void Review_MonthsAgo_IsStale(string language, string text, string evidence)
    {
        var report = Review(text, language);

        Assert.Equal(Verdict.Missing, report.Timely.Verdict);
        Assert.Contains(evidence, report.Timely.Evidence);
    }

    [Theory]
    [InlineData("en", "Great catch today on the invoice run.", Verdict.Met)]
    // "today" dates general praise without naming a moment.
    [InlineData("en", "Great job today, really.", Verdict.Missing)]
    [InlineData("de", "Die Folien heute waren richtig stark.", Verdict.Met)]
    [InlineData("es", "Tus respuestas en soporte esta semana fueron muy claras.", Verdict.Met)]
    [InlineData("de", "Danke für das Onboarding-Konzept.", Verdict.Met)]
    [InlineData("de", "Die Location der Weihnachtsfeier war zu klein.", Verdict.Met)]
    // A habit, and a deadline in a request, name no moment.
    [InlineData("de", "Deine Ruhe bei jedem einzelnen Kundentermin ist toll.", Verdict.Missing)]
    [InlineData("de", "Bitte schickt mir eure Berichte bis Freitag.", Verdict.Missing)]
    [InlineData("en", "Please send me your notes by Friday.", Verdict.Missing)]
    public void Review_DaysCompoundsHabitsAndDeadlines(string language, string text, Verdict expected)
    {
        Assert.Equal(expected, Review(text, language, FeedbackKind.Constructive).Specific.Verdict);
    }

    [Theory]
    [InlineData("en", "You're clearly not a team player.")]
    [InlineData("es", "Eres un desordenado: el drive está lleno de copias.")]
    [InlineData("de", "Du bist echt rücksichtslos.")]
    [InlineData("de", "Sie sind leider notorisch unzuverlässig.")]
    [InlineData("de", "Dir ist echt alles egal, oder?")]
    [InlineData("en", "The client enjoyed repeating the whole setup for you.")]
    [InlineData("es", "Me encantó esperarte en la recepción.")]
    [InlineData("en", "What were the totals based on?? Are you serious?")]
    [InlineData("es", "¿Quién aprobó esto?? ¿En serio??")]
    public void Review_WhatIsSaidAboutThePerson_IsUnkindInCriticism(string language, string text)
    {
        Assert.Equal(Verdict.Missing, Review(text, language, FeedbackKind.Constructive).Kind.Verdict);
    }

    [Theory]
    [InlineData("en", "You're a rockstar, honestly.")]
    [InlineData("es", "Eres un crack.")]
    [InlineData("en", "Loved working with you on the launch.")]
    [InlineData("en", "Loved reading your draft on Monday. One thing: the intro is long, could you cut it?")]
    [InlineData("en", "You were fearless in the board meeting.")]
    public void Review_WhatIsSaidAboutThePerson_IsWarmInPraise(string language, string text)
    {
        Assert.Equal(Verdict.Met, Review(text, language, FeedbackKind.Praise).Kind.Verdict);
    }

    [Fact]
    public void Review_DelightAtTheirWork_IsKindInCriticismToo()
    {
        var report = Review("Loved reading your draft on Monday. One thing: the intro is long, could you cut it?", "en", FeedbackKind.Constructive);

        Assert.Equal(Verdict.Met, report.Kind.Verdict);
    }
}
