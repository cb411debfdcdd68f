"""Loading the per-language text files (locales/<lang>.yml) and checking them against each other."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.common.names import CHANNEL_TELEGRAM, CHANNEL_WEB
from bot.common.yaml_files import YAMLError, read_yaml
from bot.content.helplines import FIELDS, Directory, load_directory
from bot.content.placeholders import placeholders, without_placeholders
from bot.content.privacy_patterns import compile_pattern

logger = logging.getLogger(__name__)
DIRECTORY_FILE = "helplines.yml"
CHANNELS = frozenset({CHANNEL_WEB, CHANNEL_TELEGRAM})  # channel_text variants a response may have
SOURCE_LANGUAGE = "en"  # every other locale must have every key this one has
# Numbers belong in helplines.yml only: long digit groups and the short codes the directory holds.
PHONE_IN_TEXT_RE = re.compile(r"(?<![\w{.])(?:\+?\d[\d \-]{6,}\d|999|112|111|101|192|61016)(?![\w}])")
FREE_PLACEHOLDERS = {"region_name"}  # always supplied by the renderer
ARGUMENT_PLACEHOLDERS = {"signs", "language_name", "country"}  # supplied by the caller's arguments


class LocaleError(ValueError):
    """A locale file is unusable; the message names the file and key."""


@dataclass(frozen=True)
class Response:
    text: str
    buttons: tuple[dict[str, str], ...] = ()
    region_text: dict[str, str] = field(default_factory=dict)
    channel_text: dict[str, str] = field(default_factory=dict)  # e.g. Telegram has no Quick exit button

    def texts(self) -> dict[str, str]:
        """Every text variant by name ('text', 'region_text.XX', 'channel_text.<channel>'), for checks."""
        out = {"text": self.text}
        out.update({f"region_text.{k}": v for k, v in self.region_text.items()})
        out.update({f"channel_text.{k}": v for k, v in self.channel_text.items()})
        out.update({f"buttons[{i}].title": b["title"] for i, b in enumerate(self.buttons)})
        return out


@dataclass(frozen=True)
class Locale:
    code: str
    name: str
    native_name: str
    direction: str
    reviewed: bool
    responses: dict[str, Response]
    labels: dict[str, str]
    region_names: dict[str, str]
    region_words: dict[str, tuple[str, ...]]
    ui: dict[str, str]
    # Every shipped language named in this one, as it fits labels.card_text ("I speak {language_name}").
    languages: dict[str, str] = field(default_factory=dict)
    # Words just before a place that say someone is there ("in", "u", "w", "в"): bot/turn/places.py.
    place_at: tuple[str, ...] = ()
    # How people introduce themselves ("my name is"): the name after one is removed (bot/turn/privacy.py).
    introductions: tuple[str, ...] = ()
    introduction_examples: tuple[tuple[str, str], ...] = ()  # (message, the name it must lose)
    # Regexes and examples for the scan that proves no text asks who the reader is (bot/privacy_scan.py).
    privacy_identifying: tuple[str, ...] = ()
    privacy_requests: tuple[str, ...] = ()
    privacy_questions: tuple[str, ...] = ()
    privacy_negations: tuple[str, ...] = ()
    privacy_examples: tuple[str, ...] = ()


@dataclass(frozen=True)
class Catalog:
    locales: dict[str, Locale]
    directory: Directory
    default_language: str = SOURCE_LANGUAGE

    def language_or_default(self, code: str | None) -> str:
        return code if code in self.locales else self.default_language

    def native_names(self) -> dict[str, str]:
        return {code: loc.native_name for code, loc in sorted(self.locales.items())}


def _flat_strings(data: Any, where: str) -> dict[str, str]:
    if data is None:
        return {}
    if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
        raise LocaleError(f"{where}: must be a mapping of names to texts")
    return dict(data)


def _parse_response(key: str, body: Any, where: str) -> Response:
    if isinstance(body, str):
        return Response(text=body)
    if not isinstance(body, dict) or not isinstance(body.get("text"), str) or not body["text"].strip():
        raise LocaleError(f"{where}: response {key}: needs a non-empty 'text'")
    buttons = []
    for i, button in enumerate(body.get("buttons") or []):
        if (
            not isinstance(button, dict)
            or not isinstance(button.get("title"), str)
            or not isinstance(button.get("payload"), str)
        ):
            raise LocaleError(f"{where}: response {key}: button {i} needs a 'title' and a 'payload'")
        buttons.append({"title": button["title"], "payload": button["payload"]})
    region_text = _flat_strings(body.get("region_text"), f"{where}: response {key}: region_text")
    channel_text = _flat_strings(body.get("channel_text"), f"{where}: response {key}: channel_text")
    unknown = set(body) - {"text", "buttons", "region_text", "channel_text"}
    if unknown:
        raise LocaleError(f"{where}: response {key}: unknown field(s) {sorted(unknown)}")
    if set(channel_text) - CHANNELS:
        raise LocaleError(f"{where}: response {key}: channel_text: channels are {sorted(CHANNELS)}")
    return Response(text=body["text"], buttons=tuple(buttons), region_text=region_text, channel_text=channel_text)


def _parse_privacy(data: Any, where: str) -> dict[str, tuple[str, ...]]:
    """The `privacy:` lists; every regex must compile, so a typo cannot silently switch the scan off."""
    if data is None:
        return {}
    fields = ("identifying", "requests", "questions", "negations", "examples")
    if not isinstance(data, dict):
        raise LocaleError(f"{where}: 'privacy:' must be a mapping ({', '.join(fields)})")
    unknown = set(data) - set(fields)
    if unknown:
        raise LocaleError(f"{where}: privacy: unknown field(s) {sorted(unknown)}")
    out: dict[str, tuple[str, ...]] = {}
    for name in fields:
        items = data.get(name) or []
        if not isinstance(items, list) or not all(isinstance(i, str) and i for i in items):
            raise LocaleError(f"{where}: privacy.{name} must be a list of texts")
        if name != "examples":
            for pattern in items:
                try:
                    compile_pattern(pattern)
                except (re.error, ValueError) as exc:
                    raise LocaleError(f"{where}: privacy.{name}: pattern {pattern!r} is unusable: {exc}") from None
        out[f"privacy_{name}"] = tuple(items)
    return out


def _parse_places(data: Any, where: str) -> tuple[str, ...]:
    """`places: {at: [...]}`: the words before a place that say someone is there."""
    if data is None:
        return ()
    if not isinstance(data, dict) or set(data) - {"at"}:
        raise LocaleError(f"{where}: 'places:' must be a mapping with 'at:' (a list of words)")
    words = data.get("at") or []
    if not isinstance(words, list) or not all(isinstance(w, str) and w.strip() for w in words):
        raise LocaleError(f"{where}: places.at must be a list of words")
    return tuple(words)


def _parse_redaction(data: Any, where: str) -> dict[str, Any]:
    """`redaction: {introductions: [regex], examples: [{text, name}]}`; every regex must compile."""
    if data is None:
        return {}
    if not isinstance(data, dict) or set(data) - {"introductions", "examples"}:
        raise LocaleError(f"{where}: 'redaction:' must be a mapping with 'introductions:' and 'examples:'")
    patterns = data.get("introductions") or []
    if not isinstance(patterns, list) or not all(isinstance(p, str) and p for p in patterns):
        raise LocaleError(f"{where}: redaction.introductions must be a list of regexes")
    for pattern in patterns:
        try:
            if re.compile(pattern, re.IGNORECASE).search(""):
                raise ValueError("it matches an empty text")
        except (re.error, ValueError) as exc:
            raise LocaleError(f"{where}: redaction.introductions: {pattern!r} is unusable: {exc}") from None
    examples = data.get("examples") or []
    if not isinstance(examples, list) or not all(
        isinstance(e, dict) and isinstance(e.get("text"), str) and isinstance(e.get("name"), str) and e["name"]
        for e in examples
    ):
        raise LocaleError(f"{where}: redaction.examples must be a list of {{text, name}}")
    for example in examples:
        if example["name"] not in example["text"]:
            raise LocaleError(f"{where}: redaction.examples: {example['name']!r} is not in {example['text']!r}")
    return {
        "introductions": tuple(patterns),
        "introduction_examples": tuple((e["text"], e["name"]) for e in examples),
    }


def parse_locale(data: Any, code: str, where: str) -> Locale:
    """Validate one parsed locale file; raise LocaleError naming the file and key."""
    if not isinstance(data, dict):
        raise LocaleError(f"{where}: top level must be a mapping")
    meta = data.get("meta")
    if not isinstance(meta, dict):
        raise LocaleError(f"{where}: missing 'meta:' (name, native_name, direction, reviewed)")
    for key in ("name", "native_name", "direction"):
        if not isinstance(meta.get(key), str) or not meta[key]:
            raise LocaleError(f"{where}: meta.{key} is missing")
    if meta["direction"] not in ("ltr", "rtl"):
        raise LocaleError(f"{where}: meta.direction must be 'ltr' or 'rtl'")
    if not isinstance(meta.get("reviewed"), bool):
        raise LocaleError(f"{where}: meta.reviewed must be true or false")
    responses_raw = data.get("responses")
    if not isinstance(responses_raw, dict) or not responses_raw:
        raise LocaleError(f"{where}: missing 'responses:'")
    responses = {k: _parse_response(k, v, where) for k, v in responses_raw.items()}
    regions = data.get("regions") or {}
    if not isinstance(regions, dict):
        raise LocaleError(f"{where}: 'regions:' must be a mapping")
    names: dict[str, str] = {}
    words: dict[str, tuple[str, ...]] = {}
    for region, body in regions.items():
        if not isinstance(body, dict) or not isinstance(body.get("name"), str):
            raise LocaleError(f"{where}: regions.{region} needs a 'name'")
        names[region] = body["name"]
        raw_words = body.get("words") or []
        if not isinstance(raw_words, list) or not all(isinstance(w, str) for w in raw_words):
            raise LocaleError(f"{where}: regions.{region}.words must be a list of texts")
        words[region] = tuple(w.lower() for w in raw_words)
    return Locale(
        code=code,
        name=meta["name"],
        native_name=meta["native_name"],
        direction=meta["direction"],
        reviewed=meta["reviewed"],
        responses=responses,
        labels=_flat_strings(data.get("labels"), f"{where}: labels"),
        region_names=names,
        region_words=words,
        ui=_flat_strings(data.get("ui"), f"{where}: ui"),
        languages=_flat_strings(data.get("languages"), f"{where}: languages"),
        place_at=_parse_places(data.get("places"), where),
        **_parse_redaction(data.get("redaction"), where),
        **_parse_privacy(data.get("privacy"), where),
    )


def locale_files(locales_dir: Path) -> list[Path]:
    """Every locales/<code>.yml (the directory file is not a locale)."""
    return [p for p in sorted(locales_dir.glob("*.yml")) if p.name != DIRECTORY_FILE]


def read_locale(path: Path) -> Locale:
    """Read and validate one locale file; raise LocaleError naming the file (and key)."""
    where = f"locales/{path.name}"
    try:
        data = read_yaml(path)
    except (OSError, UnicodeDecodeError, YAMLError) as exc:
        raise LocaleError(f"{where}: cannot be read as YAML: {exc}") from None
    return parse_locale(data, path.stem, where)


def load_catalog(locales_dir: Path, default_language: str = SOURCE_LANGUAGE, drop_invalid: bool = False) -> Catalog:
    """Load every locales/<code>.yml and the directory; raise LocaleError/DirectoryError if unusable.

    With `drop_invalid` (start-up, when there is no last good version to keep serving), a language
    whose file has errors is left out and logged instead; English and the directory must be valid.
    """
    directory = load_directory(locales_dir / DIRECTORY_FILE)
    locales: dict[str, Locale] = {}
    broken: dict[str, str] = {}
    for path in locale_files(locales_dir):
        try:
            locales[path.stem] = read_locale(path)
        except LocaleError as exc:
            broken[path.stem] = str(exc)
    if SOURCE_LANGUAGE in broken or SOURCE_LANGUAGE not in locales:
        raise LocaleError(
            broken.get(SOURCE_LANGUAGE) or f"locales/{SOURCE_LANGUAGE}.yml is missing: it is the fallback language"
        )
    for problem in check_catalog(locales, directory):
        if problem.severity == "error":
            code = (
                problem.message.split("/", 1)[1].split(".yml", 1)[0] if problem.message.startswith("locales/") else ""
            )
            broken.setdefault(code or SOURCE_LANGUAGE, problem.message)
    if SOURCE_LANGUAGE in broken:
        raise LocaleError(broken[SOURCE_LANGUAGE])
    if broken and not drop_invalid:
        raise LocaleError("; ".join(list(broken.values())[:5]))
    for code, message in broken.items():
        logger.error("Language %s left out: %s", code, message)
        locales.pop(code, None)
    if default_language not in locales:
        raise LocaleError(f"default language {default_language!r} has no valid locales/{default_language}.yml")
    return Catalog(locales=locales, directory=directory, default_language=default_language)


@dataclass(frozen=True)
class Problem:
    severity: str  # "error" or "warning"
    message: str


def _bad_placeholder(name: str, directory: Directory) -> str | None:
    if name in FREE_PLACEHOLDERS or name in ARGUMENT_PLACEHOLDERS:
        return None
    parts = name.split(".")
    if len(parts) == 3 and parts[0] == "helpline":
        _, service, fld = parts
        if service not in directory.all_service_ids():
            return f"unknown service {service!r} (not in locales/helplines.yml)"
        if fld not in FIELDS:
            return f"unknown field {fld!r} (use phone, alt_phone, sms, web or hours)"
        return None
    return (
        "unknown placeholder (use {helpline.<service>.<field>} or "
        + ", ".join(sorted(FREE_PLACEHOLDERS | ARGUMENT_PLACEHOLDERS))
        + ")"
    )


def check_catalog(locales: dict[str, Locale], directory: Directory) -> list[Problem]:
    """Every cross-file rule: keys in every language, placeholders valid and equal, no bare numbers."""
    problems: list[Problem] = []
    source = locales.get(SOURCE_LANGUAGE)
    for code, loc in sorted(locales.items()):
        where = f"locales/{code}.yml"
        for missing in sorted(set(locales) - set(loc.languages)):
            if code == SOURCE_LANGUAGE:  # a language English does not name yet is the new language's problem
                problems.append(
                    Problem(
                        "error", f"locales/{missing}.yml: {SOURCE_LANGUAGE}.yml must name it: add languages.{missing}"
                    )
                )
            else:
                problems.append(Problem("error", f"{where}: languages.{missing} is missing (every shipped language)"))
        for extra in sorted(set(loc.languages) - set(locales)):
            problems.append(Problem("warning", f"{where}: languages.{extra} names a language that is not shipped"))
        for key, response in loc.responses.items():
            for variant, text in response.texts().items():
                for name in sorted(placeholders(text)):
                    why = _bad_placeholder(name, directory)
                    if why:
                        problems.append(Problem("error", f"{where}: {key}.{variant}: {{{name}}}: {why}"))
                for match in PHONE_IN_TEXT_RE.findall(without_placeholders(text, "")):
                    problems.append(
                        Problem(
                            "error",
                            f"{where}: {key}.{variant}: phone number {match.strip()!r} written in a text; "
                            "use a {helpline.<service>.phone} placeholder",
                        )
                    )
        if source is None or code == SOURCE_LANGUAGE:
            continue
        for section, mine, theirs in (
            ("responses", loc.responses, source.responses),
            ("labels", loc.labels, source.labels),
            ("ui", loc.ui, source.ui),
            ("regions", loc.region_names, source.region_names),
        ):
            for key in sorted(set(theirs) - set(mine)):
                problems.append(Problem("error", f"{where}: {section}.{key} is missing (present in {SOURCE_LANGUAGE})"))
            for key in sorted(set(mine) - set(theirs)):
                problems.append(Problem("error", f"{where}: {section}.{key} is not in {SOURCE_LANGUAGE}.yml"))
        for key in sorted(set(loc.responses) & set(source.responses)):
            mine_r, src_r = loc.responses[key], source.responses[key]
            for variant, text in src_r.texts().items():
                other = mine_r.texts().get(variant)
                if other is None:
                    problems.append(
                        Problem("error", f"{where}: {key}.{variant} is missing (present in {SOURCE_LANGUAGE})")
                    )
                elif placeholders(other) != placeholders(text):
                    problems.append(
                        Problem(
                            "error",
                            f"{where}: {key}.{variant}: placeholders {sorted(placeholders(other))} "
                            f"differ from {SOURCE_LANGUAGE}'s {sorted(placeholders(text))}",
                        )
                    )
            if [b["payload"] for b in mine_r.buttons] != [b["payload"] for b in src_r.buttons]:
                problems.append(Problem("error", f"{where}: {key}: button payloads differ from {SOURCE_LANGUAGE}'s"))
        for section, mine, theirs in (("labels", loc.labels, source.labels), ("ui", loc.ui, source.ui)):
            for key in sorted(set(mine) & set(theirs)):
                if placeholders(mine[key]) != placeholders(theirs[key]):
                    problems.append(
                        Problem("error", f"{where}: {section}.{key}: placeholders differ from {SOURCE_LANGUAGE}'s")
                    )
    return problems
