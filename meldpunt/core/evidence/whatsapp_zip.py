# SPDX-License-Identifier: EUPL-1.2
"""WhatsApp "export with media": the chat text plus attachments in a ZIP."""

from __future__ import annotations

import re
import zipfile
from pathlib import PurePosixPath

from .archive import ArchiveLimits, open_archive, read_member
from .decoding import decode_text
from .errors import EvidenceError
from .model import ChatParse
from .phrase import Phrase, gettext_noop
from .whatsapp import parse_whatsapp_text

_CHAT_NAME = re.compile(
    r"^(?:_chat|whatsapp[ -]chat|chat de whatsapp|conversa do whatsapp|"
    r"whatsapp-chat|discussion whatsapp)",
    re.IGNORECASE,
)


def parse_whatsapp_zip(
    data: bytes, filename: str, *, date_order: str | None, limits: ArchiveLimits
) -> tuple[ChatParse, list[str]]:
    """Parse the chat inside the archive; returns the parse and member names."""
    archive = open_archive(data, filename, limits)
    with archive:
        names = [info.filename for info in archive.infolist() if not info.is_dir()]
        chat_name = _chat_member(names, filename)
        raw = read_member(archive, chat_name, filename, limits.max_text_member)
        _verify_members(archive, filename)

    text, encoding, notes = decode_text(raw, f"{filename}/{chat_name}")
    parse = parse_whatsapp_text(text, date_order=date_order, encoding=encoding)
    parse.warnings[:0] = notes
    _link_attachments(parse, names, chat_name)
    return parse, names


def _chat_member(names: list[str], filename: str) -> str:
    texts = [name for name in names if name.lower().endswith(".txt")]
    named = [name for name in texts if _CHAT_NAME.match(PurePosixPath(name).name)]
    candidates = named or texts
    if len(candidates) == 1:
        return candidates[0]
    if not candidates:
        raise EvidenceError(
            Phrase(
                gettext_noop(
                    "%(file)s: the ZIP archive holds no chat text (.txt) file; "
                    "expected a WhatsApp export such as '_chat.txt' or "
                    "'WhatsApp Chat with ….txt'"
                ),
                file=filename,
            )
        )
    raise EvidenceError(
        Phrase(
            gettext_noop(
                "%(file)s: the ZIP archive holds %(count)s chat text files "
                "(%(names)s); expected exactly one"
            ),
            file=filename,
            count=len(candidates),
            names=", ".join(candidates),
        )
    )


def _verify_members(archive: zipfile.ZipFile, filename: str) -> None:
    """Check every member's CRC without keeping more than a block in memory."""
    try:
        broken = archive.testzip()
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as error:
        raise EvidenceError(
            Phrase(
                gettext_noop(
                    "%(file)s: the ZIP archive is damaged or truncated (%(error)s)"
                ),
                file=filename,
                error=str(error),
            )
        ) from error
    if broken is not None:
        raise EvidenceError(
            Phrase(
                gettext_noop(
                    "%(file)s: ZIP member %(name)s is damaged (checksum mismatch)"
                ),
                file=filename,
                name=repr(broken),
            )
        )


def _link_attachments(parse: ChatParse, names: list[str], chat_name: str) -> None:
    by_base = {PurePosixPath(name).name: name for name in names}
    used: set[str] = set()
    for entry in parse.entries:
        attachment = entry["attachment"]
        if attachment is None:
            continue
        member = by_base.get(PurePosixPath(attachment).name)
        entry["attachment_in_archive"] = member is not None
        if member is None:
            parse.warnings.append(
                Phrase(
                    gettext_noop(
                        "entry %(timestamp)s refers to %(name)s, which is not in "
                        "the archive"
                    ),
                    timestamp=entry["timestamp"],
                    name=repr(attachment),
                )
            )
        else:
            used.add(member)

    unused = [name for name in names if name not in used and name != chat_name]
    if unused:
        parse.warnings.append(
            Phrase(
                gettext_noop(
                    "%(count)s file(s) in the archive belong to no message: %(names)s"
                ),
                count=len(unused),
                names=", ".join(unused),
            )
        )
