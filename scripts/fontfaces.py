# SPDX-License-Identifier: EUPL-1.2
"""Write the @font-face rules for the vendored Fira Sans files to stdout.

Takes the rules from Fontsource's per-weight stylesheets, keeps the latin and
latin-ext subsets and points them at the woff2 files next to the stylesheet.
"""

import re
import sys
from pathlib import Path

SUBSETS = ("latin", "latin-ext")
WEIGHTS = (400, 600, 700)
RULE = re.compile(
    r"/\* fira-sans-(?P<subset>[a-z-]+)-\d+-normal \*/\s*@font-face \{.*?\}", re.S
)


def font_faces(package: Path) -> str:
    rules = ["/* Fira Sans, SIL Open Font License 1.1: see OFL.txt */"]
    for weight in WEIGHTS:
        source = (package / f"{weight}.css").read_text()
        for match in RULE.finditer(source):
            if match["subset"] in SUBSETS:
                rule = re.sub(r", url\([^)]*\.woff\) format\('woff'\)", "", match[0])
                rules.append(rule.replace("url(./files/", "url(./"))
    return "\n\n".join(rules) + "\n"


if __name__ == "__main__":
    sys.stdout.write(font_faces(Path(sys.argv[1])))
