# SPDX-License-Identifier: EUPL-1.2
"""WhatsApp's own interface strings, per language, that a parser must recognise.

Each set is matched against a whole message body (case-insensitive, without a
final full stop); the languages are those Meldpunt users export in most, plus
a few neighbours so that a Belgian or Spanish export is understood too.
"""

from __future__ import annotations

import re

MEDIA_OMITTED = frozenset(
    {
        "<media omitted>",
        "<media weggelaten>",
        "<medien ausgeschlossen>",
        "<multimedia omitido>",
        "<archivo omitido>",
        "<médias omis>",
        "<fichier omis>",
        "<media omessi>",
        "<mídia oculta>",
        "<arquivo de mídia oculto>",
    }
)

_IOS_MEDIA_NOUNS = (
    "image|video|audio|sticker|gif|document|contact card|"
    "afbeelding|contactkaart|"
    "bild|dokument|kontaktkarte|"
    "imagen|documento|tarjeta de contacto|"
    "photo|vidéo|fiche contact|immagine|scheda contatto|imagem|cartão de contato"
)
_IOS_MEDIA_VERBS = (
    "omitted|weggelaten|weggelassen|omitido|omitida|omis|omise|omessa|omesso|ocultado"
    "|ocultada|oculto|oculta"
)
IOS_MEDIA_OMITTED = re.compile(
    rf"^(?:.+ • )?(?:{_IOS_MEDIA_NOUNS})(?: [^ ]+)? (?:{_IOS_MEDIA_VERBS})$",
    re.IGNORECASE,
)

DELETED = frozenset(
    {
        "this message was deleted",
        "you deleted this message",
        "dit bericht is verwijderd",
        "je hebt dit bericht verwijderd",
        "u hebt dit bericht verwijderd",
        "diese nachricht wurde gelöscht",
        "du hast diese nachricht gelöscht",
        "se eliminó este mensaje",
        "eliminaste este mensaje",
        "este mensaje fue eliminado",
        "ce message a été supprimé",
        "vous avez supprimé ce message",
        "questo messaggio è stato eliminato",
        "hai eliminato questo messaggio",
        "esta mensagem foi apagada",
        "você apagou esta mensagem",
        "mensagem apagada",
    }
)

EDITED = frozenset(
    {
        "this message was edited",
        "dit bericht is bewerkt",
        "diese nachricht wurde bearbeitet",
        "se editó este mensaje",
        "mensaje editado",
        "ce message a été modifié",
        "questo messaggio è stato modificato",
        "esta mensagem foi editada",
    }
)
EDIT_MARKER = re.compile(r"[ \u200e\u200f]*<([^<>]{3,60})>$")

ANDROID_ATTACHMENT = re.compile(
    r"^(?P<file>[^\n]+?\.\w{1,8}) \((?:file attached|bestand bijgevoegd|"
    r"datei angehängt|archivo adjunto|fichier joint|file allegato|arquivo anexado)\)$",
    re.IGNORECASE,
)
IOS_ATTACHMENT = re.compile(
    r"^<(?:attached|bijgevoegd|anhang|adjunto|pièce jointe|allegato|anexo): "
    r"(?P<file>[^<>\n]+)>$",
    re.IGNORECASE,
)

# System lines whose text itself contains ": " (a quoted group name), so that
# the "Name: text" split would mistake them for messages. The actor's name is
# matched without a colon so a real message ("Bob: I changed ...") never fits.
_NOTICES_WITH_COLON = (
    r"changed the (?:subject|group name|group description)",
    r"created group",
    r"(?:heeft|hebt) de (?:groepsnaam|groepsbeschrijving|onderwerp) gewijzigd",
    r"(?:heeft|hebt) (?:de )?groep .* aangemaakt",
    r"(?:hat|hast) den (?:Gruppennamen|Betreff|Gruppenbetreff)",
    r"(?:hat|hast) die Gruppe .* erstellt",
    r"cambió (?:el asunto|el nombre del grupo|la descripción)",
    r"creó el grupo",
    r"(?:a|avez) modifié (?:le sujet|le nom du groupe|la description)",
    r"(?:a|avez) créé le groupe",
    r"ha cambiato (?:l'oggetto|il nome del gruppo)",
    r"mudou o (?:assunto|nome do grupo)",
)
# The same notices about the person who exported, where the language puts
# no name or pronoun before the verb ("Cambiaste el asunto a ...").
_OWN_NOTICES_WITH_COLON = (
    r"cambiaste (?:el asunto|el nombre del grupo|la descripción)",
    r"creaste el grupo",
    r"hai cambiato (?:l'oggetto|il nome del gruppo)",
    r"hai creato il gruppo",
)
SYSTEM_WITH_COLON = re.compile(
    r"^(?:[^:]+? (?:"
    + "|".join(_NOTICES_WITH_COLON)
    + ")|(?:"
    + "|".join(_OWN_NOTICES_WITH_COLON)
    + "))",
    re.IGNORECASE,
)


def _first_words(notices: tuple[str, ...]) -> set[str]:
    words = set()
    for notice in notices:
        first = notice.split(" ")[0]
        if first.startswith("(?:"):  # "(?:heeft|hebt)": each of the choices
            words.update(first[3:-1].split("|"))
        else:
            words.add(first)
    return words


# Every notice above starts with a verb before the first colon, after a space
# or at the start, so a sender slot without one of these verbs cannot be the
# start of a notice.
NOTICE_VERB = re.compile(
    "(?:^| )(?:"
    + "|".join(sorted(_first_words(_NOTICES_WITH_COLON + _OWN_NOTICES_WITH_COLON)))
    + ") ",
    re.IGNORECASE,
)

# Call notices and similar events on iOS carry the U+200E system marker but
# belong to the person in the sender slot.
IOS_PERSONAL_EVENT = re.compile(
    r"^(?:missed (?:voice|video) call|gemiste (?:spraak|video)oproep|"
    r"verpasster (?:sprach|video)anruf|llamada (?:de voz|de video)? ?perdida)",
    re.IGNORECASE,
)

NON_ENGLISH_WORDS = re.compile(
    r"versleuteld|weggelaten|bijgevoegd|verwijderd|bewerkt|toegevoegd|aangemaakt|"
    r"verschlüsselt|ausgeschlossen|weggelassen|gelöscht|hinzugefügt|"
    r"cifrado|omitido|eliminó|añadió|"
    r"chiffrés|omis|supprimé|crittografati|omessi|criptografadas|oculta",
    re.IGNORECASE,
)
ENGLISH_WORDS = re.compile(
    r"end-to-end encrypted|omitted|file attached|was deleted|was edited|"
    r" added | left$|changed the",
    re.IGNORECASE,
)


def normalised(text: str) -> str:
    """Lower-case the body and drop a final full stop for phrase lookups."""
    return text.strip().rstrip(".").lower()


_MEDIA_LAST_WORDS = frozenset(_IOS_MEDIA_VERBS.split("|"))
# The verbs are ASCII and at least four letters long, so a last word that
# lower-cases to one of them ends in the same four letters, in any case.
_MEDIA_VERB_ENDINGS = frozenset(word[-4:] for word in _MEDIA_LAST_WORDS)
_LONGEST_DELETED = max(len(phrase) for phrase in DELETED) + 1

# A one-line body can only be a placeholder, a deletion, an edit marker or an
# attachment when it ends in one of these characters or in the last four
# letters of a media verb or a deletion phrase (lower-cased); any other body
# is a plain message and needs none of the checks below.
SPECIAL_LAST_CHARACTERS = ">)."
SPECIAL_ENDINGS = _MEDIA_VERB_ENDINGS | frozenset(phrase[-4:] for phrase in DELETED)


def is_media_omitted(text: str) -> bool:
    if not text.startswith("<"):
        if text[-4:].lower() not in _MEDIA_VERB_ENDINGS:
            return False
        if text.rsplit(" ", 1)[-1].lower() not in _MEDIA_LAST_WORDS:
            return False
    body = normalised(text)
    return body in MEDIA_OMITTED or IOS_MEDIA_OMITTED.match(body) is not None


def is_deleted(text: str) -> bool:
    return len(text) <= _LONGEST_DELETED and normalised(text) in DELETED


def split_edit_marker(text: str) -> tuple[str, bool]:
    """Remove a trailing "<This message was edited>" marker, if present."""
    if not text.endswith(">"):
        return text, False
    match = EDIT_MARKER.search(text)
    if match is None or normalised(match.group(1)) not in EDITED:
        return text, False
    return text[: match.start()], True
