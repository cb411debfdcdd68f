"""`make check`: everything an operator edits, validated with messages naming file, key and language.

Errors (exit 1): a missing or extra key in a language, a bad or mismatched placeholder, a phone number
outside locales/helplines.yml, a text that asks for identifying details (or a language without the
`privacy:` lists to scan it), an invalid directory entry, too few NLU examples for an intent in a
language, the same example under two intents, domain/responses.yml out of date.
Warnings: a directory entry verified more than 12 months ago, a language not reviewed by a native speaker.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from collections.abc import Iterable
from pathlib import Path

from bot.common import names
from bot.common.folding import fold_case
from bot.common.yaml_files import read_yaml
from bot.content import domain_responses
from bot.content.helplines import Directory, DirectoryError, hours_keys, load_directory, stale_entries
from bot.content.locales import (
    DIRECTORY_FILE,
    SOURCE_LANGUAGE,
    Locale,
    LocaleError,
    Problem,
    check_catalog,
    locale_files,
    read_locale,
)
from bot.content.nlu_files import nlu_examples, plain
from bot.content.placeholders import placeholders
from bot.content.privacy_scan import locale_problems
from bot.runtime.settings import ROOT

MIN_EXAMPLES = 8
CODE_DIRS = ("bot", "actions", "rasa_ext")
CODE_NUMBER_RE = re.compile(r"(?<![\w.])0\d{2,4}[ -]?\d{3}[ -]?\d{3,4}(?![\w])")


def _strip_entities(example: str) -> str:
    return fold_case(plain(example))


def domain_intents(domain_dir: Path) -> set[str]:
    intents: set[str] = set()
    for file in domain_dir.glob("*.yml"):
        data = read_yaml(file) or {}
        for intent in data.get("intents") or []:
            intents.add(intent if isinstance(intent, str) else next(iter(intent)))
    return intents


def check_nlu(languages: list[str], root: Path = ROOT) -> tuple[list[Problem], dict[str, tuple[int, int]]]:
    """Problems, and per language (intents with enough examples, intents in all)."""
    problems: list[Problem] = []
    examples = nlu_examples(root / "nlu")
    wanted = domain_intents(root / "domain")
    coverage: dict[str, tuple[int, int]] = {}
    for lang in languages:
        have = examples.get(lang, {})
        enough = 0
        for intent in sorted(wanted):
            count = len(have.get(intent, []))
            if count >= MIN_EXAMPLES:
                enough += 1
            else:
                problems.append(
                    Problem(
                        "error", f"nlu/{lang}/: intent {intent} has {count} example(s); at least {MIN_EXAMPLES} needed"
                    )
                )
        coverage[lang] = (enough, len(wanted))
        seen: dict[str, tuple[str, str]] = {}
        for intent, items in have.items():
            if intent not in wanted:
                problems.append(Problem("error", f"nlu/{lang}/: intent {intent} is not in domain/"))
            for example, file in items:
                norm = _strip_entities(example)
                if norm in seen and seen[norm][0] != intent:
                    problems.append(
                        Problem("error", f"{file}: example {example!r} is under both {seen[norm][0]} and {intent}")
                    )
                seen.setdefault(norm, (intent, file))
    heldout_dir = root / "benchmarks" / "heldout"
    if heldout_dir.is_dir():
        for lang, intents in nlu_examples(heldout_dir).items():
            trained = {_strip_entities(e) for items in examples.get(lang, {}).values() for e, _ in items}
            for items in intents.values():
                for example, file in items:
                    if _strip_entities(example) in trained:
                        problems.append(
                            Problem(
                                "error",
                                f"{file}: held-out example {example!r} is also in nlu/{lang}/ "
                                "(held-out examples must never be trained on)",
                            )
                        )
    return problems, coverage


def check_lookups(languages: list[str], root: Path = ROOT) -> list[Problem]:
    """Every shipped language has every word list the reader uses (rasa_ext/lexicon.py), none empty."""
    problems: list[Problem] = []
    for lang in languages:
        path = root / "nlu" / lang / "lookups.yml"
        if not path.is_file():
            problems.append(
                Problem("error", f"nlu/{lang}/lookups.yml is missing: Lantern cannot read answers in {lang}")
            )
            continue
        tables = {}
        for item in (read_yaml(path) or {}).get("nlu") or []:
            if isinstance(item, dict) and "lookup" in item:
                tables[str(item["lookup"])] = [x for x in str(item.get("examples") or "").splitlines() if x.strip()]
        for kind in names.LOOKUP_KINDS:
            if not tables.get(f"{lang}_{kind}"):
                problems.append(Problem("error", f"nlu/{lang}/lookups.yml: lookup {lang}_{kind} is missing or empty"))
        for name in sorted(set(tables) - {f"{lang}_{kind}" for kind in names.LOOKUP_KINDS}):
            problems.append(Problem("error", f"nlu/{lang}/lookups.yml: unknown lookup {name}"))
    return problems


def check_code_numbers(root: Path = ROOT) -> list[Problem]:
    problems = []
    for folder in CODE_DIRS:
        for file in sorted((root / folder).rglob("*")):
            if file.suffix not in (".py", ".js", ".html", ".css") or "__pycache__" in file.parts:
                continue
            for n, line in enumerate(file.read_text(encoding="utf-8").splitlines(), 1):
                for match in CODE_NUMBER_RE.findall(line):
                    problems.append(
                        Problem(
                            "error",
                            f"{file.relative_to(root)}:{n}: phone number {match!r} outside locales/helplines.yml",
                        )
                    )
    return problems


# Words and services that exist only in the UK: a text shown in Croatia (region HR) must name none of them.
UK_ONLY_CONCEPTS = re.compile(r"\bNRM\b|Duty to Notify|First Responder", re.IGNORECASE)
CROATIA = "HR"


def check_region_hr(locales: dict[str, Locale], directory: Directory) -> list[Problem]:
    """A text shown in region HR names no UK-only concept (NRM, Duty to Notify, First Responder) and no
    service the HR directory lacks (999, the helpline, ... would show labelled "(UK)")."""
    if CROATIA not in directory.regions:
        return []
    hr_services = set(directory.regions[CROATIA])
    problems = []
    for code, loc in sorted(locales.items()):
        for key, response in loc.responses.items():
            if CROATIA in response.region_text:
                shown = {f"region_text.{CROATIA}": response.region_text[CROATIA]}
            else:  # without its own HR text, the default and the channel texts are shown in HR
                shown = {"text": response.text, **{f"channel_text.{c}": t for c, t in response.channel_text.items()}}
            for variant, text in shown.items():
                services = {name.split(".")[1] for name in placeholders(text) if name.startswith("helpline.")}
                uk_only = sorted(services - hr_services)
                concept = UK_ONLY_CONCEPTS.search(text)
                if uk_only or concept:
                    what = ", ".join(uk_only) if uk_only else repr(concept.group(0))  # type: ignore[union-attr]
                    problems.append(
                        Problem(
                            "error",
                            f"locales/{code}.yml: {key}.{variant} is shown in region {CROATIA} but names "
                            f"UK-only {what}: give it a region_text.{CROATIA} from ../shared/content/croatia.md",
                        )
                    )
    return problems


def check_names(responses: Iterable[str]) -> list[Problem]:
    """Every response the code names (bot/common/names.py) must exist in locales/en.yml."""
    known = set(responses)
    return [
        Problem("error", f"bot/common/names.py: {name} = {value!r} is not a response in locales/{SOURCE_LANGUAGE}.yml")
        for name, value in sorted(vars(names).items())
        if name.startswith("UTTER_") and not name.endswith("_PREFIX") and value not in known
    ]


def run(root: Path = ROOT, today: dt.date | None = None) -> tuple[list[Problem], list[str]]:
    """All problems, and the coverage table's lines."""
    problems: list[Problem] = []
    locales_dir = root / "locales"
    try:
        directory = load_directory(locales_dir / DIRECTORY_FILE)
    except DirectoryError as exc:
        return [Problem("error", str(exc))], []
    for entry in stale_entries(directory, today or dt.date.today()):
        problems.append(
            Problem(
                "warning",
                f"locales/helplines.yml: {entry.region}.{entry.id} was verified "
                f"{entry.verified:%Y-%m}, more than {entry.recheck_months} months ago: re-verify it",
            )
        )
    locales = {}
    for path in locale_files(locales_dir):
        try:
            locales[path.stem] = read_locale(path)
        except LocaleError as exc:
            problems.append(Problem("error", str(exc)))
    if SOURCE_LANGUAGE not in locales:
        problems.append(Problem("error", f"locales/{SOURCE_LANGUAGE}.yml is missing or invalid"))
        return problems, []
    problems += check_catalog(locales, directory)
    problems += check_region_hr(locales, directory)
    for key in sorted(hours_keys(directory)):
        if f"hours_{key}" not in locales[SOURCE_LANGUAGE].labels:
            problems.append(
                Problem("error", f"locales/helplines.yml: hours {key!r} needs labels.hours_{key} in every locale")
            )
    for code, loc in sorted(locales.items()):
        problems += [Problem("error", message) for message in locale_problems(loc)]
        if not loc.reviewed:
            problems.append(Problem("warning", f"locales/{code}.yml: not yet reviewed by a native speaker"))
    nlu_problems, coverage = check_nlu(sorted(locales), root)
    problems += nlu_problems
    problems += check_lookups(sorted(locales), root)
    problems += check_code_numbers(root)
    if not domain_responses.is_current(root):
        problems.append(
            Problem(
                "error",
                "domain/responses.yml is out of date with stories/ and domain/: run `make train`",
            )
        )
    problems += check_names(locales[SOURCE_LANGUAGE].responses)
    source_keys = set(locales[SOURCE_LANGUAGE].responses)
    table = [f"{'language':<10}{'responses':>12}{'intents':>10}{'reviewed':>10}"]
    for code, loc in sorted(locales.items()):
        done = len(source_keys & set(loc.responses))
        enough, total = coverage.get(code, (0, 0))
        table.append(
            f"{code:<10}{done:>5}/{len(source_keys):<6}{enough:>4}/{total:<5}{'yes' if loc.reviewed else 'no':>9}"
        )
    return problems, table


def main() -> int:
    problems, table = run()
    for p in problems:
        print(f"{p.severity.upper()}: {p.message}", file=sys.stderr if p.severity == "error" else sys.stdout)
    if table:
        print("\nCoverage (responses translated, intents with enough examples, native review):")
        print("\n".join(table))
    errors = sum(p.severity == "error" for p in problems)
    print(f"\ncheck: {errors} error(s), {len(problems) - errors} warning(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
