"""Language material for the benchmark's free text: filler sentences and identifier phrases.

Danish and English filler comes from Faker's lorem word lists (da_DK, en_US) mixed with the
hand-written sentences below; Faker has no Swedish or Norwegian word list, so those languages
use the hand-written sentences only. ``{name}``, ``{city}``, ``{company}`` and ``{street}`` are
filled from Faker's da_DK / sv_SE / no_NO / en_US providers.
"""

from __future__ import annotations

LOCALES: dict[str, str] = {"da": "da_DK", "sv": "sv_SE", "no": "no_NO", "en": "en_US"}

FILLER: dict[str, tuple[str, ...]] = {
    "da": (
        "Hej {name}, tak for din henvendelse til kundeservice.",
        "Vi har modtaget din ansøgning og vender tilbage inden for fem arbejdsdage.",
        "Mødet med {company} er flyttet til næste torsdag i {city}.",
        "Pakken bliver leveret til {street}, {city} mellem kl. 8 og 16.",
        "Husk at medbringe billedlegitimation, når du henter varen.",
        "Sagen er overdraget til vores juridiske afdeling til videre behandling.",
        "Med venlig hilsen {name}, {company}.",
        "Beboermødet holdes i fælleshuset, og der serveres kaffe og kage.",
        "Vi beklager ventetiden og takker for din tålmodighed.",
    ),
    "sv": (
        "Hej {name}, tack för att du kontaktade oss.",
        "Vi har tagit emot din ansökan och återkommer inom fem arbetsdagar.",
        "Mötet med {company} är flyttat till nästa torsdag i {city}.",
        "Paketet levereras till {street}, {city} mellan klockan 8 och 16.",
        "Kom ihåg att ta med legitimation när du hämtar ut försändelsen.",
        "Ärendet har lämnats över till vår juridiska avdelning.",
        "Med vänliga hälsningar, {name} på {company}.",
        "Styrelsen för bostadsrättsföreningen kallar till extra stämma i {city}.",
        "Vi beklagar dröjsmålet och tackar för ditt tålamod.",
        "Fakturan skickas med e-post i slutet av månaden.",
        "Din beställning är nu packad och på väg från vårt lager i {city}.",
        "Vänligen kontrollera att uppgifterna nedan stämmer.",
    ),
    "no": (
        "Hei {name}, takk for at du kontaktet oss.",
        "Vi har mottatt søknaden din og kommer tilbake innen fem arbeidsdager.",
        "Møtet med {company} er flyttet til neste torsdag i {city}.",
        "Pakken blir levert til {street}, {city} mellom klokken 8 og 16.",
        "Husk å ta med legitimasjon når du henter sendingen.",
        "Saken er overført til vår juridiske avdeling for videre behandling.",
        "Med vennlig hilsen {name}, {company}.",
        "Borettslaget inviterer til dugnad på lørdag, og det blir servert vafler.",
        "Vi beklager ventetiden og takker for tålmodigheten.",
        "Fakturaen sendes på e-post ved slutten av måneden.",
        "Bestillingen din er pakket og sendt fra lageret vårt i {city}.",
        "Vennligst kontroller at opplysningene nedenfor stemmer.",
    ),
    "en": (
        "Hi {name}, thank you for contacting customer support.",
        "We have received your application and will get back to you within five working days.",
        "The meeting with {company} has been moved to next Thursday in {city}.",
        "The parcel will be delivered to {street}, {city} between 8 am and 4 pm.",
        "Please bring photo identification when you collect the item.",
        "The case has been handed over to our legal department.",
        "Kind regards, {name}, {company}.",
        "We apologise for the delay and thank you for your patience.",
    ),
}

#: How an identifier is written in running text, per language: "{v}" is the value. A bare "{v}"
#: (no context word) is included on purpose: the engine must decide on checksum/shape alone.
PHRASES: dict[str, dict[str, tuple[str, ...]]] = {
    "DK_CPR": {
        "da": ("CPR-nr. {v}", "cpr: {v}", "personnummer {v}", "{v}"),
        "en": ("CPR number {v}", "{v}"),
    },
    "SE_PERSONNUMMER": {
        "sv": ("personnummer {v}", "pnr: {v}", "{v}"),
        "en": ("Swedish personal number {v}",),
    },
    "NO_FODSELSNUMMER": {
        "no": ("fødselsnummer {v}", "fnr. {v}", "{v}"),
        "en": ("Norwegian national ID {v}",),
    },
    "FI_HETU": {
        "sv": ("personbeteckning {v}",),
        "en": ("henkilötunnus {v}", "HETU {v}", "{v}"),
    },
    "IBAN_CODE": {
        "da": ("IBAN {v}", "kontonummer {v}"), "sv": ("IBAN: {v}",), "no": ("IBAN {v}",),
        "en": ("IBAN {v}", "transfer to {v} today"),
    },
    "CREDIT_CARD": {
        "da": ("kortnummer {v}", "betalt med kort {v}"), "sv": ("kortnummer {v}",),
        "no": ("kortnummer {v}",), "en": ("card {v}", "credit card number {v}"),
    },
    "EMAIL_ADDRESS": {
        "da": ("skriv til {v}", "e-mail: {v}"), "sv": ("mejla {v}",), "no": ("e-post {v}",),
        "en": ("email {v}", "<{v}>"),
    },
    "PHONE_NUMBER": {
        "da": ("tlf. {v}", "ring på {v}", "mobil {v}"), "sv": ("telefon {v}", "mobil: {v}"),
        "no": ("telefon {v}", "mobil {v}"), "en": ("phone {v}", "call {v}"),
    },
    "IP_ADDRESS": {
        "da": ("login fra {v}",), "sv": ("inloggning från {v}",), "no": ("pålogging fra {v}",),
        "en": ("request from {v}", "client={v}"),
    },
}
