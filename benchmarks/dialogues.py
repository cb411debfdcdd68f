"""Free-text dialogues against the real stack: does Lantern listen? (`python -m benchmarks.dialogues`)

Each conversation of benchmarks/dialogues/<lang>.yml (written apart from the training data; see its
README) is typed into the web API as a person would: the opening, then the person's own answer to
whatever Lantern asks, then their follow-up questions. Printed per language: the share of
conversations that reach their goal, loops (a question asked more than twice; once per conversation),
denials read as emergencies and questions asked again though the opening had answered them (each
question once per conversation), replies missing a number that was asked for, replies in another
language. A conversation reaches its goal only if nothing in it failed.
Bars (DESIGN.md): >= 95 % reach their goal, 0 loops, 0 denials read as emergencies.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks.dialogue_replies import Numbers, Recogniser, load, outcome_of, shows
from bot.common.yaml_files import read_yaml
from scripts.stack import ChatClient, start_stack, stop

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "benchmarks" / "dialogues"
MAX_TURNS = 40
MAX_ASKS = 2  # a question asked more often than this is a loop


def dialogue_files(data: Path = DATA) -> list[Path]:
    return sorted(data.glob("*.yml"))


@dataclass
class Result:
    id: str
    language: str
    failures: list[str] = field(default_factory=list)
    loops: int = 0
    denials_as_emergency: int = 0
    asked_again: int = 0
    numbers_missing: int = 0
    emergency_missing: int = 0
    wrong_language: int = 0
    transcript: list[tuple[str, list[str]]] = field(default_factory=list)

    @property
    def reached(self) -> bool:
        return not self.failures


def _says(value: Any) -> list[str]:
    if isinstance(value, dict):
        value = value.get("say")
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value or []]


def _means(value: Any) -> str | None:
    return str(value.get("means")) if isinstance(value, dict) and value.get("means") is not None else None


class Run:
    """One dialogue, typed turn by turn, with every check recorded as it happens."""

    def __init__(self, dialogue: dict[str, Any], language: str, base_url: str, context: Context) -> None:
        self.d = dialogue
        self.language = language
        self.chat = ChatClient(base_url, prefix="bench-", timeout=60)
        self.ctx = context
        self.result = Result(str(dialogue.get("id")), language)
        self.asked: Counter[str] = Counter()
        self.answered: set[str] = set()
        self.seen: set[str] = set()  # every response key shown
        self.texts: list[str] = []  # every reply text, in order
        self.counted_again: set[str] = set()  # each question counts once per conversation
        self.counted_denials: set[str] = set()
        self.opening_replies = 1

    def fail(self, reason: str) -> None:
        if reason not in self.result.failures:
            self.result.failures.append(reason)

    def turn(self, text: str) -> tuple[set[str], str, str | None]:
        """Send one message: (response keys, joined text, the question the reply ends with)."""
        reply = self.chat.send(text)
        messages = reply.get("messages") or []
        if reply.get("language") != self.language:
            self.result.wrong_language += 1
            self.fail(f"reply in {reply.get('language')} to {text!r}")
        keys: set[str] = set()
        question = None
        recogniser = self.ctx.recognisers.get(self.language) or self.ctx.recognisers["en"]
        for message in messages:
            found = recogniser.keys(message.get("text", ""))
            if not found and reply.get("language") in self.ctx.recognisers:
                found = self.ctx.recognisers[reply["language"]].keys(message.get("text", ""))
            keys |= found
            asks = [k for k in found if k.startswith("utter_ask_")]
            question = asks[0].removeprefix("utter_ask_") if asks else question
        joined = "\n".join(m.get("text", "") for m in messages)
        self.result.transcript.append((text, sorted(keys) or [joined[:80]]))
        self.seen |= keys
        self.texts.append(joined)
        for key in keys:
            if key.startswith("utter_ask_"):
                q = key.removeprefix("utter_ask_")
                self.asked[q] += 1
                if self.asked[q] == MAX_ASKS + 1:
                    self.result.loops += 1
                    self.fail(f"loop: {q} asked {self.asked[q]} times")
                if q in self.known() and q not in self.counted_again:
                    self.counted_again.add(q)
                    self.result.asked_again += 1
                    self.fail(f"asked again: {q} (the opening said it)")
        return keys, joined, question

    def known(self) -> dict[str, Any]:
        return self.d.get("knows") or {}

    def check_number(self, joined: str, what: dict[str, Any], text: str) -> None:
        if what.get("asks_number") and not self.ctx.numbers.any_phone(joined):
            self.result.numbers_missing += 1
            self.fail(f"no number for {text!r}")
        if what.get("emergency") and not self.ctx.numbers.any_emergency(joined):
            self.result.emergency_missing += 1
            self.fail(f"no emergency number for {text!r}")

    def outcomes(self, keys: set[str]) -> set[str]:
        return {o for k in keys for o in outcome_of(k)}

    def play(self) -> Result:
        question = None
        opening = self.d.get("opening") or []
        opening = [opening] if isinstance(opening, str) else list(opening)
        checks = self.d.get("opening_checks") or {}
        self.opening_replies = len(opening)
        for i, text in enumerate(opening):
            keys, joined, question = self.turn(str(text))
            if i == len(opening) - 1:
                self.check_number(joined, checks, str(text))
                self.check_denial_in(keys, "opening", self.known().get("danger_now"))
        answers = self.d.get("answers") or {}
        then = list(self.d.get("then") or [])
        for _ in range(MAX_TURNS):
            if question:
                if question not in answers:
                    self.fail(f"asked {question}, which this person has no answer to")
                    break
                says = _says(answers[question])
                text = says[min(self.asked[question], len(says)) - 1] if says else ""
                self.answered.add(question)
                keys, joined, next_question = self.turn(text)
                self.check_answer(question, answers[question], keys, joined)
                question = next_question
            elif then:
                item = then.pop(0)
                text = str(item.get("say", ""))
                keys, joined, question = self.turn(text)
                self.check_number(joined, item, text)
                got = self.outcomes(keys) | ({"numbers"} if self.ctx.numbers.any_phone(joined) else set())
                for want in item.get("expect") or []:
                    if want not in got:
                        self.fail(f"expected {want} for {text!r}")
                for avoid in item.get("avoid") or []:
                    if avoid in got:
                        self.fail(f"{avoid} shown for {text!r}")
            else:
                break
        self.check_end()
        return self.result

    def check_denial_in(self, keys: set[str], text: str, means: Any) -> None:
        if str(means) == "no" and self.outcomes(keys) & {"danger"}:
            self.result.denials_as_emergency += 1
            self.fail(f"denial read as an emergency: {text!r}")

    def check_answer(self, question: str, answer: Any, keys: set[str], joined: str) -> None:
        means = _means(answer)
        said = _says(answer)[0] if _says(answer) else ""
        denial = means in ("no", "skip", "unsure") and question.startswith(("danger_now", "sign_"))
        if denial and "danger" in self.outcomes(keys) and question not in self.counted_denials:
            self.counted_denials.add(question)  # each question once per conversation
            self.result.denials_as_emergency += 1
            self.fail(f"denial read as an emergency: {question} = {said!r}")
        if question == "danger_now" and means == "yes" and not self.ctx.numbers.any_emergency(joined):
            self.result.emergency_missing += 1
            self.fail(f"danger said, no emergency number: {said!r}")

    def check_end(self) -> None:
        seen = {o for k in self.seen for o in outcome_of(k)}
        goal = self.d.get("goal")
        if goal and goal not in seen:
            self.fail(f"goal {goal} not reached")
        answers = self.d.get("answers") or {}
        meaning = {q: _means(a) for q, a in answers.items() if q in self.answered}
        meaning.update({q: str(v.get("means") if isinstance(v, dict) else v) for q, v in self.known().items()})
        under = meaning.get("under_18")
        if under in ("yes", "unsure") and "child" not in seen and self.d.get("audience") == "professional":
            self.fail(f"under_18 = {under} but no child safeguarding")
        if under == "no" and "child" in seen:
            self.fail("adult, but the child route was shown")
        if "summary" in seen:
            labels = self.ctx.labels.get(self.language, {})
            summary = next((t for t in reversed(self.texts) if any(v in t for v in labels.values())), "")
            for q, m in meaning.items():
                if not q.startswith("sign_") or q not in labels:
                    continue
                shown = labels[q] in summary
                if m == "yes" and not shown:
                    self.fail(f"{q} said yes, not in the summary")
                if m in ("no", "skip", "unsure") and shown:
                    self.fail(f"{q} said {m}, but named in the summary")
        region = self.d.get("region")
        if region in self.ctx.numbers.phones:
            # From the reply to the opening on, no number that only another region has may show, and the
            # region's own numbers must show somewhere.
            own = self.ctx.numbers.phones[region]
            foreign = {p for r, ps in self.ctx.numbers.phones.items() if r != region for p in ps} - own
            after = self.texts[self.opening_replies - 1 :]
            shown_foreign = sorted({p for t in after for p in foreign if shows(t, p)})
            if shown_foreign:
                self.fail(f"numbers of another region shown in {region}: {', '.join(shown_foreign)}")
            if not any(shows(t, p) for t in after for p in own):
                self.fail(f"no {region} number shown")


@dataclass
class Context:
    recognisers: dict[str, Recogniser]
    numbers: Numbers
    labels: dict[str, dict[str, str]]


def run_language(path: Path, base_url: str, context: Context, only: str | None = None) -> list[Result]:
    data = read_yaml(path)
    language = str(data.get("language") or path.stem)
    dialogues = [d for d in data.get("dialogues") or [] if not only or d.get("id") == only]
    return [Run(d, language, base_url, context).play() for d in dialogues]


HEADER = (
    f"{'lang':<5}{'dialogues':>10}{'goal':>8}{'loops':>7}{'denial=emerg.':>15}{'asked again':>13}"
    f"{'no number':>11}{'no 999/112':>12}{'wrong lang':>12}"
)


def row(language: str, results: list[Result]) -> str:
    n = len(results) or 1
    goal = sum(r.reached for r in results) / n
    return (
        f"{language:<5}{len(results):>10}{goal:>8.0%}{sum(r.loops for r in results):>7}"
        f"{sum(r.denials_as_emergency for r in results):>15}{sum(r.asked_again for r in results):>13}"
        f"{sum(r.numbers_missing for r in results):>11}{sum(r.emergency_missing for r in results):>12}"
        f"{sum(r.wrong_language for r in results):>12}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="a running gateway (default: start the stack)")
    parser.add_argument("--languages", nargs="*", help="only these languages")
    parser.add_argument("--only", help="only the dialogue with this id")
    parser.add_argument("--failures", action="store_true", help="print each failed conversation")
    parser.add_argument("--transcripts", action="store_true", help="print what was sent and recognised")
    args = parser.parse_args()
    catalog, recognisers, numbers = load(ROOT)
    labels = {
        code: {k: v for k, v in loc.labels.items() if k.startswith("sign_")} for code, loc in catalog.locales.items()
    }
    context = Context(recognisers, numbers, labels)
    files = [p for p in dialogue_files() if not args.languages or p.stem in args.languages]
    stack = None
    url = args.url
    if not url:
        stack = start_stack(
            Path(tempfile.mkdtemp(prefix="lantern-dialogues-")),
            {"LANTERN_RATE_PER_SESSION": "100000", "LANTERN_LOG_LEVEL": "WARNING"},
        )
        url = stack.gateway_url
    try:
        with ThreadPoolExecutor(max_workers=4) as pool:
            results = pool.map(lambda p: run_language(p, url, context, args.only), files)
            per_language = dict(zip([p.stem for p in files], results, strict=True))
    finally:
        if stack is not None:
            stop(stack.proc)
    print("free-text dialogues (benchmarks/dialogues, written apart; bars: goal >= 95 %, 0 loops, 0 denials)")
    print(HEADER)
    everything: list[Result] = []
    for language, results in per_language.items():
        print(row(language, results))
        everything += results
    print(row("all", everything))
    reasons = Counter(f.split(":")[0].split(" for ")[0] for r in everything for f in r.failures)
    print("\nwhy conversations failed: " + ", ".join(f"{k} x{v}" for k, v in reasons.most_common(12)))
    if args.failures or args.transcripts:
        for r in everything:
            if r.failures or args.transcripts:
                print(f"\n{r.id}: " + "; ".join(r.failures))
                for sent, keys in r.transcript:
                    print(f"   > {sent}\n     {', '.join(keys)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
