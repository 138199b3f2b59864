using FeedbackBot.Core.Coaching;
using FeedbackBot.Core.Feedback;
using static FeedbackBot.Core.Tests.Coaching.RuleReview;

namespace FeedbackBot.Core.Tests.Coaching;

/// <summary>
/// Coach v5's general rules (docs/coach.md, "Coach v5"), each in every language it applies to, on drafts written
/// for these tests (not taken from a labelled set): what a draft is when the giver did not say, requests asked as
/// questions by the verb's person, backhanded praise, and effects stated by grammar alone; with the look-alikes
/// each rule must leave alone.
/// </summary>
public sealed class CoachV5RuleTests
{
    // 30 November 2026 (Agreement.HeldOutWritten): "last March" and "en primavera" are months back.
    [Theory]
    // A report on a thing, with no praise and no word for the receiver, is criticism.
    [InlineData("en", "The retro on Thursday ran 50 minutes.", Verdict.Missing)]
    [InlineData("en", "the release checklist still names the old staging host", Verdict.Missing)]
    [InlineData("es", "El informe de cierre sigue con el tipo de cambio antiguo.", Verdict.Missing)]
    [InlineData("de", "Im Angebot für Müller steht noch der alte Stundensatz.", Verdict.Missing)]
    // Praise says it is good or credits the receiver.
    [InlineData("en", "Your notes from Monday meant nobody had to ask.", Verdict.NotApplicable)]
    [InlineData("en", "The new onboarding page is lovely.", Verdict.NotApplicable)]
    [InlineData("es", "Las plantillas nuevas son una maravilla.", Verdict.NotApplicable)]
    [InlineData("es", "¡Eres un sol!", Verdict.NotApplicable)]
    [InlineData("de", "Die neue Startseite ist ein Traum.", Verdict.NotApplicable)]
    [InlineData("de", "Der Umzug am Samstag 🙌", Verdict.NotApplicable)]
    // Someone left without information is a problem. Coach v8: so is an effect that credits nobody, since across the
    // sets an incident with its consequence is a report far more often than praise (14 drafts to 3, docs/coach.md,
    // "Coach v8"); a giver who means praise says whose work it was or picks "praise".
    [InlineData("en", "The new dashboard cut our triage time from an hour to ten minutes.", Verdict.Missing)]
    [InlineData("en", "Your new dashboard cut our triage time from an hour to ten minutes.", Verdict.NotApplicable)]
    [InlineData("en", "The status channel was silent during the outage so support had no idea what to say.", Verdict.Missing)]
    public void Review_KindNotSaid_PraiseCreditsSomeoneAndAReportIsCriticism(string language, string text, Verdict actionable)
    {
        Assert.Equal(actionable, Review(text, language, null).Actionable.Verdict);
    }

    [Theory]
    // The subject is dropped: the verb's person says who is asked (tú, vos, nosotros), object pronouns may come first.
    [InlineData("es", "El informe del lunes no tiene totales. ¿Los podés agregar hoy?", "podés agregar")]
    [InlineData("es", "¿Me mandas el acta antes del jueves?", "mandas el")]
    [InlineData("es", "Para el cierre de enero, ¿revisamos juntos las cuentas?", "revisamos juntos")]
    // The verb first, then "du", "wir", "you".
    [InlineData("de", "Die Folien von gestern haben keine Quellen. Ergänzt du die bis Freitag?", "Ergänzt du")]
    [InlineData("de", "Die Retro war zu lang. Sollen wir sie auf 45 Minuten begrenzen?", "Sollen wir")]
    [InlineData("en", "The migration notes are thin. Do you want to pair on them tomorrow?", "Do you")]
    [InlineData("es", "¿Tienes un rato mañana para revisar el informe?", "Tienes un")]
    [InlineData("de", "Hast du kurz Zeit, den Bericht morgen durchzugehen?", "hast du kurz zeit")]
    // A counterfactual evaluation proposes the alternative.
    [InlineData("en", "Wouldn't it be better to send the agenda the day before?", "wouldn't it be better")]
    [InlineData("es", "¿No sería mejor mandar la agenda el día antes?", "no sería mejor")]
    [InlineData("de", "Wäre es nicht besser, die Agenda am Vortag zu schicken?", "wäre es nicht besser")]
    // "la próxima" in the plural; a proposal announced as one.
    [InlineData("es", "En las próximas demos, empezá por el caso de uso.", "las próximas")]
    [InlineData("es", "Propuesta: quitar la segunda reunión semanal.", "propuesta:")]
    public void Review_RequestAskedAsAQuestionOrProposal_IsANextStep(string language, string text, string evidence)
    {
        var report = Review(text, language, FeedbackKind.Constructive);

        Assert.Equal(Verdict.Met, report.Actionable.Verdict);
        Assert.Contains(evidence, report.Actionable.Evidence);
    }

    [Theory]
    // Auxiliaries and copulas ask about a state; memory and knowledge questions ask for nothing; "cuántas" is no verb.
    [InlineData("de", "Der Bericht fehlt. Hast du ihn schon gesehen?")]
    [InlineData("de", "Weißt du noch, wie der Launch lief?")]
    [InlineData("es", "¿Te acordás de la demo de ayer?")]
    [InlineData("es", "El cierre salió tarde. ¿Cuántas facturas faltan?")]
    [InlineData("en", "The deploy failed. Did you see the alert?")]
    // Asking what the receiver thinks asks for an opinion, not an action.
    [InlineData("en", "The totals are wrong again. Do you really think this is fine?")]
    [InlineData("es", "Las cifras están mal otra vez. ¿Crees que esto está bien?")]
    [InlineData("de", "Die Zahlen sind wieder falsch. Meinst du das ernst?")]
    // A statement with the verb first is not a question.
    [InlineData("de", "Hast du wieder vergessen, das Ticket zu schließen.")]
    public void Review_QuestionsThatAskForNothing_AreNotANextStep(string language, string text)
    {
        Assert.Equal(Verdict.Missing, Review(text, language, FeedbackKind.Constructive).Actionable.Verdict);
    }

    [Theory]
    // "Finally you ...": praise of what is expected anyway, as a rare event, is backhanded.
    [InlineData("en", "Finally you sent the report on time.")]
    [InlineData("es", "Por fin entregaste el informe a tiempo.")]
    [InlineData("de", "Schön, dass du auch mal pünktlich bist.")]
    // A label with the person right after it.
    [InlineData("en", "That was careless of you.")]
    [InlineData("es", "Fue muy descuidado de tu parte.")]
    [InlineData("de", "Das war echt schlampig von dir.")]
    public void Review_BackhandedPraiseAndLabelsOfThePerson_AreUnkind(string language, string text)
    {
        Assert.Equal(Verdict.Missing, Review(text, language, FeedbackKind.Praise).Kind.Verdict);
    }

    [Theory]
    // Praise of one's own finding out is the complaint that nobody said.
    [InlineData("en", "Great to find out about the office move from the newsletter.")]
    [InlineData("es", "Qué bonito enterarnos de la mudanza por el boletín.")]
    [InlineData("de", "Toll, vom Umzug aus dem Newsletter zu erfahren.")]
    public void Review_PraiseOfFindingOut_IsSarcasm(string language, string text)
    {
        var report = Review(text, language, null);

        Assert.Equal(Verdict.Missing, report.Kind.Verdict);
        Assert.Contains(report.Tips, t => t.Code == "sarcasm");
    }

    [Fact]
    public void Review_FindingOutThanksToTheReceiver_IsWarm()
    {
        Assert.Equal(Verdict.Met, Review("Thanks, your notes helped me find out the cause on Monday.", "en", null).Kind.Verdict);
    }

    [Theory]
    // An absolute next to the receiver, in any order, is a verdict on the person in criticism.
    [InlineData("en", "You almost never reply on time.")]
    [InlineData("es", "Contigo siempre hay retrasos.")]
    [InlineData("de", "Du kommst immer zu spät.")]
    public void Review_AbsoluteNextToTheReceiver_IsALabelInCriticism(string language, string text)
    {
        Assert.Equal(Verdict.Missing, Review(text, language, FeedbackKind.Constructive).Kind.Verdict);
    }

    [Theory]
    [InlineData("en", "The build is finally green after your fix on Monday.")]
    [InlineData("es", "Por fin tenemos el panel del lunes funcionando gracias a ti.")]
    [InlineData("de", "Endlich Wochenende, und dein Release am Freitag lief sauber.")]
    public void Review_FinallyAboutAThing_IsWarm(string language, string text)
    {
        Assert.Equal(Verdict.Met, Review(text, language, FeedbackKind.Praise).Kind.Verdict);
    }

    [Theory]
    // A proportion is a measured outcome, like a percentage.
    [InlineData("en", "In Tuesday's test, 7 of 8 users found the export.", "number: \"7 of 8\"")]
    [InlineData("es", "En la prueba del martes, 7 de 8 usuarios encontraron el botón.", "number: \"7 de 8\"")]
    [InlineData("de", "Im Test am Dienstag haben 7 von 8 Nutzern den Export gefunden.", "number: \"7 von 8\"")]
    // An outcome narrowly averted.
    [InlineData("en", "The rollout skipped the backup, and we almost lost the customer data.", "result: \"almost lost\"")]
    [InlineData("es", "La puerta del almacén quedó abierta y casi entró un cliente.", "result: \"casi entró\"")]
    [InlineData("de", "Die Tür war offen, und ein Kunde ist fast reingelaufen.", "result: \"fast reingelaufen\"")]
    // "so" before who was affected; what did not happen to them; a state after the action; what it made possible.
    [InlineData("en", "The status page stayed green during the outage so customers kept calling.", "reason: \"so customers\"")]
    [InlineData("en", "Your emails run long, and customers do not finish them.", "result: \"customers do not\"")]
    [InlineData("es", "Tus correos son muy largos y los clientes no los terminan.", "result: \"los clientes no\"")]
    [InlineData("de", "Deine Mails sind sehr lang, und die Kunden lesen sie nicht zu Ende.", "result: \"die Kunden lesen sie nicht\"")]
    [InlineData("en", "You raised your voice at Maria in standup. She was quiet afterwards.", "result: \"She was quiet afterwards\"")]
    [InlineData("en", "You covered my shift on Sunday, and I got to see my daughter's recital.", "result: \"I got\"")]
    // A quantity that went down, was lost, or is compared with the plan.
    [InlineData("en", "PAY-77 merged, p95 down 40ms.", "number: \"down 40ms\"")]
    [InlineData("es", "La ruta que armaste tenía vueltas y el repartidor perdió una hora.", "number: \"perdió una\"")]
    [InlineData("de", "Die Kampagne vom Oktober: 410 Anmeldungen, doppelt so viele wie geplant.", "number: \"doppelt so viele wie geplant\"")]
    // What would happen without it; a change since an event; the cause named by "durch dein".
    [InlineData("es", "Falta la firma del director; sin eso el banco no paga.", "reason: \"sin eso\"")]
    // Coach v9: "seit dem" alone only dates a state; with what changed ("kaum noch") it is the change since the event.
    [InlineData("de", "Seit dem Release am Mittwoch ruft kaum noch jemand an.", "reason: \"Seit dem Release am Mittwoch ruft kaum noch\"")]
    [InlineData("de", "Durch deine Vorlage vom Montag war der Bericht schnell fertig.", "reason: \"Durch deine\"")]
    [InlineData("en", "Your shout-out in Friday's all-hands made my week.", "reason: \"made my\"")]
    // A condition opening a clause after a semicolon states its consequence next; causatives in every tense.
    [InlineData("de", "Das Skript von gestern überspringt den Export; wenn die Nacht schiefgeht, fehlen morgens die Zahlen.", "result: \"fehlen morgens die Zahlen\"")]
    [InlineData("es", "El script de ayer se salta la copia; si falla la carga, perdemos los pedidos.", "result: \"perdemos los pedidos\"")]
    [InlineData("en", "The ticket titles like \"misc\" make it hard to find anything.", "reason: \"make it\"")]
    [InlineData("en", "Your demo at Tuesday's brown-bag got two teams to try the new cache.", "result: \"got two teams\"")]
    public void Review_EffectStatedByGrammar_IsAWhy(string language, string text, string evidence)
    {
        var report = Review(text, language, FeedbackKind.Praise);

        Assert.Equal(Verdict.Met, report.Why.Verdict);
        Assert.Contains(evidence, report.Why.Evidence);
    }

    [Theory]
    // ", was" after "alles" opens a relative clause; the writer's own reaction is not an effect.
    [InlineData("de", "Danke für alles, was du machst.")]
    // A German relative clause (a pronoun before a lower-case word) describes the noun before it; a condition after
    // a comma belongs to the clause before it.
    [InlineData("de", "Du bist die beste Kollegin, die man sich im Team wünschen kann.")]
    [InlineData("de", "Das ist Unsinn, wenn du glaubst, dass dieses Design skaliert.")]
    [InlineData("de", "Die Mail an Müller, echt jetzt? Ich fass es nicht.")]
    [InlineData("en", "The summary was long, and I'm not sure about it.")]
    // "so" as a degree, not a consequence.
    [InlineData("en", "The summary was so long.")]
    public void Review_LookAlikes_AreNotAnEffect(string language, string text)
    {
        Assert.Equal(Verdict.Missing, Review(text, language, FeedbackKind.Constructive).Why.Verdict);
    }

    [Theory]
    // Habits: "tend to", "a veces", "neigst dazu" name no moment.
    [InlineData("en", "You tend to rewrite the roadmap on your own.")]
    [InlineData("es", "Tus mensajes en el canal a veces son muy largos.")]
    [InlineData("de", "Du neigst dazu, in jedem Meeting lange zu reden.")]
    public void Review_Habits_NameNoMoment(string language, string text)
    {
        Assert.Equal(Verdict.Missing, Review(text, language, FeedbackKind.Constructive).Specific.Verdict);
    }

    [Theory]
    // "last March" dates the event; a season by its last month.
    [InlineData("en", "Your talk at the offsite last March still comes up.", Verdict.Missing)]
    [InlineData("es", "El taller que diste en primavera sigue ayudando.", Verdict.Missing)]
    [InlineData("de", "Die Umstellung im Frühjahr hast du super geleitet.", Verdict.Missing)]
    // An old period's possessive before a piece of work dates the work; a quarter two back is old.
    [InlineData("en", "Last quarter's pricing deck had the wrong discounts.", Verdict.Missing)]
    [InlineData("en", "The Q2 onboarding survey had no free-text field.", Verdict.Missing)]
    [InlineData("de", "Im Lagerbericht Q2 fehlten die Retouren.", Verdict.Missing)]
    // Last year's figures compare; last quarter is one back; a quarter three back is also the next one.
    [InlineData("en", "The pitch this morning used last year's numbers.", Verdict.Met)]
    [InlineData("en", "The Q3 pricing sheet from Monday has a typo.", Verdict.Met)]
    [InlineData("de", "Der Kunde erwartet das Release im Q1.", Verdict.Met)]
    // After a request a month is when to do it.
    [InlineData("de", "Vorschlag: die Erhöhung im Februar und die zweite im September.", Verdict.Met)]
    public void Review_MonthsAndSeasons_DateTheEventUnlessRequested(string language, string text, Verdict timely)
    {
        Assert.Equal(timely, Review(text, language, FeedbackKind.Constructive).Timely.Verdict);
    }
}
