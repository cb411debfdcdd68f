"""The web chat page in real headless Chromium against the real stack (Rasa, actions, gateway).

What a person in danger relies on: the helpline number comes back, buttons and typed text work,
the page follows right-to-left replies, Quick exit and Esc leave at once without a way Back, and
the page leaves nothing behind (no cookies, no storage, no request off this machine) and never
runs typed markup. Screenshots at phone size go to test-artifacts/ (not committed).
"""

from __future__ import annotations

import json
import re
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import (
    Browser,
    BrowserContext,
    Page,
    Request,
    Route,
    expect,
    sync_playwright,
)

from bot.common.yaml_files import read_yaml
from bot.runtime.settings import ROOT
from scripts.stack import Stack

ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PHONE = {"width": 390, "height": 844}
REPLY_TIMEOUT_MS = 30_000
DIRECTORY = read_yaml(ROOT / "locales" / "helplines.yml")["regions"]
MSH_PHONE = DIRECTORY["GB"]["services"]["msh"]["phone"]
EMERGENCY_PHONE = DIRECTORY["GB"]["services"]["emergency"]["phone"]
BOT_OR_ERROR = ".msg-bot, .msg-error"
LOOPBACK = {"127.0.0.1"}
EXIT_STUB = '<!doctype html><title>elsewhere</title><link rel="icon" href="data:,"><p>elsewhere</p>'

pytestmark = pytest.mark.stack


def get_json(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=30) as resp:
        return json.loads(resp.read())


@dataclass
class Watched:
    """One browser context and page, with everything the page did recorded."""

    context: BrowserContext
    page: Page
    base: str
    requests: list[Request] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)

    def chat_bodies(self) -> list[dict[str, Any]]:
        return [
            json.loads(r.post_data or "{}")
            for r in self.requests
            if r.method == "POST" and urlsplit(r.url).path == "/api/chat"
        ]


@pytest.fixture
def locales(stack: Stack) -> dict[str, Any]:
    return get_json(f"{stack.gateway_url}/api/locales")


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make browser` (apt-get install -y chromium)")
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


def _block_off_machine(route: Route) -> None:
    """Safety belt for the run itself: nothing reaches the internet (tests assert none is tried)."""
    if urlsplit(route.request.url).hostname in LOOPBACK:
        route.fallback()
    else:
        route.abort()


def _watch(browser: Browser, base: str, viewport: dict[str, int], touch: bool = False) -> Watched:
    context = browser.new_context(viewport=viewport, locale="en-GB", service_workers="allow", has_touch=touch)
    context.set_default_timeout(REPLY_TIMEOUT_MS)
    context.route("**/*", _block_off_machine)
    page = context.new_page()
    watched = Watched(context, page, base)
    page.on("request", lambda request: watched.requests.append(request))
    page.on("pageerror", lambda exc: watched.page_errors.append(str(exc)))
    page.on(
        "console",
        lambda msg: watched.console_errors.append(msg.text) if msg.type == "error" else None,
    )

    def on_dialog(dialog: Any) -> None:
        watched.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    return watched


@pytest.fixture
def watched(browser: Browser, stack: Stack) -> Iterator[Watched]:
    w = _watch(browser, stack.gateway_url, PHONE)
    yield w
    w.context.close()


def open_chat(w: Watched, locales: dict[str, Any]) -> Page:
    page = w.page
    page.goto(f"{w.base}/")
    count = len(locales["languages"])
    expect(page.locator("#language option")).to_have_count(count)
    return page


def chat_in(w: Watched, locales: dict[str, Any], code: str) -> Page:
    """The chat page with a language chosen in its selector."""
    page = open_chat(w, locales)
    page.select_option("#language", code)
    return page


def ui(locales: dict[str, Any], code: str) -> dict[str, str]:
    return next(lang["ui"] for lang in locales["languages"] if lang["code"] == code)


def wait_more(page: Page, selector: str, count: int) -> None:
    """Wait until more than `count` elements match (no string eval: the page CSP forbids it)."""
    page.locator(selector).nth(count).wait_for(state="attached", timeout=REPLY_TIMEOUT_MS)


def send(page: Page, text: str) -> None:
    """Type and press Enter; wait until the reply (or an error line) is on the page."""
    before = page.locator(BOT_OR_ERROR).count()
    page.fill("#input", text)
    page.press("#input", "Enter")
    wait_more(page, BOT_OR_ERROR, before)


def screenshot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name), full_page=False)


def digits_left_to_right(node: Any) -> bool:
    """Whether a number's first digit is drawn left of its last one (true in RTL text too, when isolated)."""
    first_x, last_x = node.evaluate(
        """node => {
            const range = document.createRange();
            const text = node.firstChild;
            range.setStart(text, 0); range.setEnd(text, 1);
            const first = range.getBoundingClientRect().x;
            range.setStart(text, text.length - 1); range.setEnd(text, text.length);
            return [first, range.getBoundingClientRect().x];
        }"""
    )
    return bool(first_x < last_x)


def assert_only_loopback(w: Watched) -> None:
    off = [
        r.url
        for r in w.requests
        if urlsplit(r.url).scheme not in ("data", "about", "blob") and urlsplit(r.url).hostname not in LOOPBACK
    ]
    assert not off, f"requests left 127.0.0.1: {off}"


# --------------------------------------------------------------------------- conversation


def test_help_shows_the_modern_slavery_helpline(watched: Watched, locales: dict[str, Any]) -> None:
    page = open_chat(watched, locales)
    english = ui(locales, "en")
    assert page.title() == english["title"]
    ttl = locales["session_ttl_minutes"]  # the page says how long the server really keeps a conversation
    minutes = str(int(ttl)) if float(ttl).is_integer() else str(ttl)
    expect(page.locator("#intro")).to_have_text(english["intro"].replace("{minutes}", minutes))
    assert "{minutes}" in english["intro"]
    send(page, "help")
    expect(page.locator(".msg-user").last).to_have_text("help")
    expect(page.locator(".msg-bot").filter(has_text=MSH_PHONE)).to_have_count(1)
    assert page.locator(".msg-error").count() == 0
    expect(page.locator("html")).to_have_attribute("dir", "ltr")
    screenshot(page, "phone-en.png")
    assert not watched.page_errors and not watched.console_errors, (
        watched.page_errors,
        watched.console_errors,
    )


def test_button_chip_sends_its_payload_and_shows_its_title(watched: Watched, locales: dict[str, Any]) -> None:
    page = open_chat(watched, locales)
    with page.expect_response(lambda r: urlsplit(r.url).path == "/api/chat") as first:
        send(page, "hello")
    buttons = [b for m in first.value.json()["messages"] for b in m["buttons"]]
    assert buttons, "the greeting should offer buttons"
    chips = page.locator(".chip")
    expect(chips).to_have_count(len(buttons))
    expect(chips.first).to_have_text(buttons[0]["title"])
    bots_before = page.locator(".msg-bot").count()
    chips.first.click()
    expect(page.locator(".msg-user").last).to_have_text(buttons[0]["title"])
    wait_more(page, ".msg-bot", bots_before)
    assert page.locator(".msg-error").count() == 0
    bodies = watched.chat_bodies()
    assert bodies[-1]["text"] == buttons[0]["payload"]
    assert bodies[-1]["session_id"] == bodies[0]["session_id"]


def test_chip_works_from_the_keyboard(watched: Watched, locales: dict[str, Any]) -> None:
    page = open_chat(watched, locales)
    send(page, "hello")
    chip = page.locator(".chip").first
    title = chip.text_content()
    bots_before = page.locator(".msg-bot").count()
    chip.focus()
    page.keyboard.press("Enter")
    expect(page.locator(".msg-user").last).to_have_text(title or "")
    wait_more(page, ".msg-bot", bots_before)


def test_selector_lists_native_names_and_sends_the_choice_once(watched: Watched, locales: dict[str, Any]) -> None:
    page = open_chat(watched, locales)
    languages = locales["languages"]
    options = page.locator("#language option")
    assert options.all_text_contents() == [lang["native_name"] for lang in languages]
    assert [o.get_attribute("value") for o in options.all()] == [lang["code"] for lang in languages]
    others = [lang for lang in languages if lang["code"] != locales["default"]]
    chosen = (others or languages)[0]
    page.select_option("#language", chosen["code"])
    labels = chosen["ui"]
    expect(page.locator("#send")).to_have_text(labels["send"])
    expect(page.locator("#exit")).to_have_text(labels["quick_exit"])
    expect(page.locator("html")).to_have_attribute("lang", chosen["code"])
    assert page.title() == labels["title"]
    send(page, "help")
    send(page, "help")
    bodies = watched.chat_bodies()
    assert bodies[0]["language"] == chosen["code"]
    assert "language" not in bodies[1], "an explicit choice is sent with the next message only"
    assert page.locator(".msg-error").count() == 0
    last_bot = page.locator(".msg-bot").last
    expect(last_bot).to_have_attribute("lang", chosen["code"])


def _fake_reply(direction: str, language: str, text: str) -> dict[str, Any]:
    return {
        "session_id": "x" * 8,
        "language": language,
        "direction": direction,
        "messages": [{"text": text, "buttons": [{"title": text, "payload": "/help"}]}],
    }


def test_right_to_left(watched: Watched, locales: dict[str, Any]) -> None:
    """With a shipped RTL locale: choose it and talk to the real stack. Without one, the reply's
    direction still drives the page (its /api/chat answer is replaced by an RTL one)."""
    page = open_chat(watched, locales)
    rtl = [lang for lang in locales["languages"] if lang["direction"] == "rtl"]
    if rtl:
        code = rtl[0]["code"]
        page.select_option("#language", code)
        send(page, "help")
        assert watched.chat_bodies()[-1]["language"] == code
        expect(page.locator("#send")).to_have_text(rtl[0]["ui"]["send"])
    else:
        code = locales["default"]
        page.route(
            "**/api/chat",
            lambda route: route.fulfill(
                status=200,
                content_type="application/json",
                body=json.dumps(_fake_reply("rtl", code, f"اتصل على {MSH_PHONE} الآن")),
            ),
        )
        send(page, "hello")
    assert page.locator(".msg-error").count() == 0
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("#log")).to_have_attribute("dir", "rtl")
    expect(page.locator(".msg-bot").last).to_have_attribute("dir", "rtl")
    # the layout mirrors: the person's bubble sits on the left, the bot's on the right
    user_box = page.locator(".msg-user").last.bounding_box()
    bot_box = page.locator(".msg-bot").last.bounding_box()
    assert user_box and bot_box and user_box["x"] < bot_box["x"]
    # the helpline number keeps its digit groups in order (an isolated left-to-right run)
    number = page.locator(".msg-bot [dir=ltr]", has_text=MSH_PHONE).first
    expect(number).to_have_text(MSH_PHONE)
    assert digits_left_to_right(number), "the number's first digit must be on the left"
    screenshot(page, "phone-rtl.png")


@pytest.mark.parametrize("code", ["ti", "zh"])
def test_scripts_a_phone_shows_are_drawn_not_boxes(watched: Watched, locales: dict[str, Any], code: str) -> None:
    """Ge'ez and Han text is drawn with real glyphs (the fonts a phone has are installed by make browser)."""
    page = chat_in(watched, locales, code)
    send(page, "help")
    assert page.locator(".msg-error").count() == 0
    screenshot(page, f"phone-{code}.png")
    text = page.locator(".msg-bot").last.inner_text().split("\n")[0][:6]
    widths = page.evaluate(
        """([text]) => {
            const canvas = document.createElement("canvas").getContext("2d");
            canvas.font = "16px sans-serif";
            const missing = String.fromCodePoint(0xF0000).repeat([...text].length);  // private use: a box
            return [canvas.measureText(text).width, canvas.measureText(missing).width];
        }""",
        [text],
    )
    assert widths[0] != widths[1], f"{code}: {text!r} is drawn as boxes"


def test_direction_follows_each_reply(watched: Watched, locales: dict[str, Any]) -> None:
    page = open_chat(watched, locales)
    replies = iter(
        [
            _fake_reply("rtl", locales["default"], "مرحبا"),
            _fake_reply("ltr", locales["default"], "Hello"),
        ]
    )
    page.route(
        "**/api/chat",
        lambda route: route.fulfill(status=200, content_type="application/json", body=json.dumps(next(replies))),
    )
    send(page, "one")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    send(page, "two")
    expect(page.locator("html")).to_have_attribute("dir", "ltr")
    expect(page.locator(".msg-bot").last).to_have_attribute("dir", "ltr")


# --------------------------------------------------------------------------- quick exit


def _stub_exit(page: Page, exit_url: str) -> None:
    page.route(
        lambda url: url.startswith(exit_url),
        lambda route: route.fulfill(
            status=200,
            content_type="text/html",
            body=EXIT_STUB,
        ),
    )


@pytest.mark.parametrize("how", ["button", "escape"])
def test_quick_exit_leaves_and_back_does_not_return(watched: Watched, locales: dict[str, Any], how: str) -> None:
    page = watched.page
    exit_url = locales["quick_exit_url"]
    _stub_exit(page, exit_url)
    before = f"{watched.base}/healthz"
    page.goto(before)  # the page visited before the chat
    open_chat(watched, locales)
    send(page, "help")
    page.fill("#input", "something half typed")
    if how == "button":
        page.click("#exit")
    else:
        page.keyboard.press("Escape")  # focus is in the message box
    page.wait_for_url(lambda url: url.startswith(exit_url))
    assert page.url.startswith(exit_url)
    page.go_back()
    page.wait_for_load_state()
    assert page.url == before, f"Back went to {page.url}, expected the page before the chat"
    assert not page.url.startswith(f"{watched.base}/?") and page.url != f"{watched.base}/"


# Test instrumentation (injected over CDP, not subject to the page's CSP): right after the Esc
# keydown has been handled, log what the old document still shows.
REPORT_AFTER_ESC = """
window.addEventListener("keydown", function (event) {
  if (event.key !== "Escape") { return; }
  setTimeout(function () {
    var body = document.body;
    console.log("after-exit " + JSON.stringify({
      text: body ? body.textContent : null,
      title: document.title,
      nodes: document.querySelectorAll(".msg, .chip, input").length,
      href: location.href
    }));
  }, 0);
}, true);
"""


def test_quick_exit_empties_the_page_at_once(watched: Watched, locales: dict[str, Any]) -> None:
    """While the exit address is still loading (slow connection), nothing of the chat is shown."""
    page = watched.page
    exit_url = locales["quick_exit_url"]
    logged: list[str] = []
    page.on("console", lambda msg: logged.append(msg.text))
    page.add_init_script(REPORT_AFTER_ESC)
    held: list[Route] = []  # the exit request is held: the old document stays in the tab meanwhile
    page.route(lambda url: url.startswith(exit_url), lambda route: held.append(route))
    open_chat(watched, locales)
    send(page, "help")
    page.keyboard.press("Escape")
    reports: list[dict[str, Any]] = []
    for _ in range(200):
        reports = [json.loads(t.split(" ", 1)[1]) for t in logged if t.startswith("after-exit ")]
        if held and reports:
            break
        page.wait_for_timeout(50)
    assert held, "Esc did not start the navigation to the exit address"
    assert reports, "the page state after Esc was not reported"
    assert reports[0]["href"].startswith(watched.base), "report should come from the chat document"
    assert reports[0]["text"] == ""
    assert reports[0]["title"] == ""
    assert reports[0]["nodes"] == 0
    held[0].fulfill(status=200, content_type="text/html", body=EXIT_STUB)
    page.wait_for_url(lambda url: url.startswith(exit_url))


# --------------------------------------------------------------------------- forget, errors


def test_forget_erases_the_page_and_starts_a_new_session(watched: Watched, locales: dict[str, Any]) -> None:
    page = open_chat(watched, locales)
    english = ui(locales, "en")
    send(page, "help")
    with page.expect_response(lambda r: urlsplit(r.url).path == "/api/chat") as forgot:
        page.click("#forget")
    assert forgot.value.status == 200
    assert forgot.value.json()["forgotten"] is True  # the engine confirmed: only then "erased"
    expect(page.locator("#status")).to_have_text(f"{english['forgotten']} {english['private_window']}")
    assert page.locator(".msg").count() == 0
    send(page, "help")
    bodies = watched.chat_bodies()
    assert [b["text"] for b in bodies] == ["help", "/forget_me", "help"]
    assert bodies[1]["session_id"] == bodies[0]["session_id"]
    assert bodies[2]["session_id"] != bodies[0]["session_id"]


@pytest.mark.parametrize("failure", ["abort", "429", "500"])
def test_network_errors_show_the_error_text(watched: Watched, locales: dict[str, Any], failure: str) -> None:
    page = open_chat(watched, locales)

    def fail(route: Route) -> None:
        if failure == "abort":
            route.abort()
        else:
            route.fulfill(status=int(failure), content_type="application/json", body='{"error": "no"}')

    page.route("**/api/chat", fail)
    send(page, "help")
    error = page.locator(".msg-error")
    expect(error).to_contain_text(ui(locales, "en")["error_network"])
    # The numbers are on the page even though the chat failed: from its own data, not from a reply.
    english = next(lang for lang in locales["languages"] if lang["code"] == "en")
    expect(error).to_contain_text(EMERGENCY_PHONE)
    expect(error).to_contain_text(MSH_PHONE)
    assert english["safety_net"] in error.inner_text()
    page.unroute("**/api/chat")
    send(page, "help")  # typed text still works afterwards
    expect(page.locator(".msg-bot").filter(has_text=MSH_PHONE)).to_have_count(1)


# --------------------------------------------------------------------------- privacy and safety


def test_no_cookies_no_storage_no_service_worker(watched: Watched, locales: dict[str, Any]) -> None:
    page = open_chat(watched, locales)
    send(page, "hello")
    page.locator(".chip").first.click()
    wait_more(page, ".msg-bot", 1)
    send(page, "help")
    assert watched.context.cookies() == []
    assert page.evaluate("localStorage.length") == 0
    assert page.evaluate("sessionStorage.length") == 0
    assert page.evaluate("navigator.serviceWorker.getRegistrations().then(r => r.length)") == 0
    assert page.evaluate("indexedDB.databases().then(d => d.length)") == 0
    assert page.evaluate("caches.keys().then(k => k.length)") == 0
    session_id = watched.chat_bodies()[0]["session_id"]
    assert session_id not in page.url
    assert page.evaluate("sid => JSON.stringify(Object.keys(window)).includes(sid)", session_id) is False


def test_typed_markup_is_shown_as_text_and_never_runs(watched: Watched, locales: dict[str, Any]) -> None:
    page = open_chat(watched, locales)
    for attack in ("<script>alert(1)</script>", '<img src=x onerror="alert(2)">'):
        send(page, attack)
        expect(page.locator(".msg-user").last).to_have_text(attack)
    assert page.locator("#log script, #log img").count() == 0
    page.wait_for_timeout(300)
    assert watched.dialogs == []
    assert not watched.page_errors


def test_no_request_leaves_the_machine(watched: Watched, locales: dict[str, Any]) -> None:
    page = open_chat(watched, locales)
    send(page, "hello")
    page.locator(".chip").first.click()
    wait_more(page, ".msg-bot", 1)
    page.select_option("#language", locales["languages"][-1]["code"])
    send(page, "help")
    page.click("#forget")
    expect(page.locator("#status")).not_to_be_empty()
    assert watched.requests, "requests should have been recorded"
    assert_only_loopback(watched)
    paths = {urlsplit(r.url).path for r in watched.requests}
    assert paths <= {"/", "/static/app.js", "/static/style.css", "/api/locales", "/api/chat"}, paths
    assert not [e for e in watched.console_errors if "Content Security Policy" in e], watched.console_errors


# --------------------------------------------------------------------------- page quality


def test_page_is_small_and_self_contained(stack: Stack) -> None:
    total = 0
    for path in ("/", "/static/app.js", "/static/style.css"):
        with urllib.request.urlopen(f"{stack.gateway_url}{path}", timeout=30) as resp:
            body = resp.read()
            total += len(body)
            text = body.decode("utf-8")
            assert "http://" not in text.replace("http://www.w3.org", "")
            assert "innerHTML" not in text and "outerHTML" not in text and "insertAdjacentHTML" not in text
            for api in (
                "localStorage.",
                "sessionStorage.",
                "document.cookie",
                "serviceWorker.",
                "indexedDB.",
            ):
                assert api not in text, f"{path} uses {api}"
    assert total < 100_000, f"page is {total} bytes"


def test_title_is_neutral(watched: Watched, locales: dict[str, Any]) -> None:
    page = open_chat(watched, locales)
    for lang in locales["languages"]:
        page.select_option("#language", lang["code"])
        assert page.title() == lang["ui"]["title"]
    assert not any(word in ui(locales, "en")["title"].lower() for word in ("traffick", "slavery", "exploit"))


def test_labelled_controls_keyboard_and_visible_focus(watched: Watched, locales: dict[str, Any]) -> None:
    page = open_chat(watched, locales)
    english = ui(locales, "en")
    expect(page.get_by_role("textbox", name=english["input_label"])).to_be_visible()
    expect(page.get_by_role("button", name=english["send"], exact=True)).to_be_visible()
    expect(page.get_by_role("combobox", name=english["language"])).to_be_visible()
    expect(page.get_by_role("button", name=english["quick_exit"])).to_be_visible()
    expect(page.get_by_role("button", name=english["forget"])).to_be_visible()
    log = page.get_by_role("log", name=english["messages_label"])
    expect(log).to_have_attribute("aria-live", "polite")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "exit", "Quick exit is the first stop"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid", "keyboard focus must be visible"
    page.focus("#input")
    page.keyboard.type("help")
    page.keyboard.press("Enter")
    expect(page.locator(".msg-bot").filter(has_text=MSH_PHONE)).to_have_count(1)


def test_fits_a_360px_phone(browser: Browser, stack: Stack, locales: dict[str, Any]) -> None:
    w = _watch(browser, stack.gateway_url, {"width": 360, "height": 640})
    try:
        page = open_chat(w, locales)
        send(page, "hello")
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
        for selector in ("#exit", "#input", "#send", "#language", "#forget"):
            box = page.locator(selector).bounding_box()
            assert box and box["x"] >= 0 and box["x"] + box["width"] <= 360, selector
            assert box["y"] >= 0 and box["y"] + box["height"] <= 640, selector
            assert box["height"] >= 40, f"{selector} is too small to tap"
    finally:
        w.context.close()


# --------------------------------------------------------------------------- handoff: links and the card

DIRECTORY_NUMBERS = {
    f"{'sms' if field == 'sms' else 'tel'}:{re.sub(r'[^0-9+]', '', str(entry[field]))}": str(entry[field])
    for region in DIRECTORY.values()
    for entry in region["services"].values()
    for field in ("phone", "alt_phone", "sms")
    if field in entry
}


def links_of(page: Page, message: Any) -> list[dict[str, str]]:
    return message.locator("a.num").evaluate_all(
        "links => links.map(a => ({href: a.getAttribute('href'), text: a.textContent,"
        " label: a.getAttribute('aria-label'), dir: a.getAttribute('dir')}))"
    )


@pytest.mark.parametrize("code", ["en", "ar"])
def test_every_directory_number_is_a_tel_link_to_its_digits(
    watched: Watched, locales: dict[str, Any], code: str
) -> None:
    page = chat_in(watched, locales, code)
    with page.expect_response(lambda r: urlsplit(r.url).path == "/api/chat") as answer:
        send(page, "help")
    replies = answer.value.json()["messages"]
    message = page.locator(".msg-bot").last
    links = links_of(page, message)
    assert links, "the help numbers must be links"
    shown_numbers = [
        number
        for number in DIRECTORY_NUMBERS.values()
        if re.search(rf"(?<!\d)(?<!\d ){re.escape(number)}(?!\d)", replies[-1]["text"])
    ]
    assert MSH_PHONE in shown_numbers and EMERGENCY_PHONE in shown_numbers
    for number in shown_numbers:  # every directory number in the reply is a link...
        assert any(link["text"] == number for link in links), number
    for link in links:  # ...whose target is exactly the directory's digits
        assert link["href"] in DIRECTORY_NUMBERS, link
        assert DIRECTORY_NUMBERS[link["href"]] == link["text"]
        assert re.sub(r"\D", "", link["text"]) == re.sub(r"\D", "", link["href"])
        assert link["dir"] == "ltr"
        assert link["label"] == ui(locales, code)["call_link"].replace("{number}", link["text"])
    # numbers that show on phone bills carry the caution, in the page's language
    caution = page.locator(".msg-note").last
    expect(caution).to_have_text(ui(locales, code)["call_caution"])
    msh = message.locator(f'a.num[href="tel:{re.sub(r"[^0-9+]", "", MSH_PHONE)}"]')
    assert msh.get_attribute("aria-describedby") == caution.get_attribute("id")
    emergency = message.locator(f'a.num[href="tel:{EMERGENCY_PHONE}"]').first
    assert emergency.get_attribute("aria-describedby") is None  # no hesitation before 999
    # a link is reachable by keyboard and visibly focused
    msh.focus()
    assert page.evaluate("document.activeElement.getAttribute('href')") == msh.get_attribute("href")
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") == "solid"
    if code == "ar":  # in right-to-left text the digits still read left to right
        assert digits_left_to_right(msh)
    screenshot(page, f"phone-links-{code}.png")
    assert not watched.page_errors and not watched.console_errors


def test_a_number_that_does_not_show_on_bills_says_so(watched: Watched, locales: dict[str, Any]) -> None:
    page = open_chat(watched, locales)
    send(page, "/faq_what_happens_if_i_call")
    childline = DIRECTORY["GB"]["services"]["childline"]["phone"]
    link = page.locator(f'.msg-bot a.num[href="tel:{childline.replace(" ", "")}"]').last
    expect(link).to_have_text(childline)
    described = link.get_attribute("aria-describedby")
    assert described
    expect(page.locator(f"#{described}")).to_have_text(ui(locales, "en")["call_not_on_bill"])


def open_card(page: Page) -> Any:
    """Ask for the card (its payload, as its button sends it); the card's message on the page."""
    send(page, "/ask_interpreter_card")
    card = page.locator(".card").last
    expect(card).to_be_visible()
    return card


@pytest.mark.parametrize("code", ["en", "ar"])
def test_the_interpreter_card_opens_and_closes_by_keyboard(
    watched: Watched, locales: dict[str, Any], code: str
) -> None:
    page = chat_in(watched, locales, code)
    card = open_card(page)
    lines = card.locator(".card-line")
    expect(lines).to_have_count(1 if code == "en" else 2)
    expect(lines.first).to_have_attribute("lang", code)
    expect(lines.first).to_have_attribute("dir", "rtl" if code == "ar" else "ltr")
    expect(card).to_have_attribute("aria-label", ui(locales, code)["card_label"])
    screenshot(page, f"card-{code}.png")
    opener = page.locator(".card-open").last
    expect(opener).to_have_text(ui(locales, code)["card_open"])
    opener.focus()
    page.keyboard.press("Enter")
    full = page.locator(".card-full")
    expect(full).to_be_visible()
    expect(full).to_have_attribute("role", "dialog")
    expect(full).to_have_attribute("aria-modal", "true")
    close = full.locator(".card-close")
    expect(close).to_have_text(ui(locales, code)["card_close"])
    expect(close).to_be_focused()
    page.keyboard.press("Tab")  # focus stays in the card
    expect(close).to_be_focused()
    box = full.bounding_box()
    assert box and box["width"] >= PHONE["width"] - 1 and box["height"] >= PHONE["height"] - 1  # full screen
    size = full.locator(".card-line").first.evaluate("node => parseFloat(getComputedStyle(node).fontSize)")
    assert size >= 24, "large text"
    assert page.locator("#input").evaluate("node => node.closest('[inert]') !== null")
    screenshot(page, f"card-full-{code}.png")
    page.keyboard.press("Enter")
    expect(full).to_have_count(0)
    expect(opener).to_be_focused()
    assert not page.locator("#input").evaluate("node => node.closest('[inert]') !== null")
    assert not watched.page_errors and not watched.console_errors


@pytest.mark.parametrize("code", ["en", "ar"])
def test_the_interpreter_card_opens_and_closes_with_one_tap(
    browser: Browser, stack: Stack, locales: dict[str, Any], code: str
) -> None:
    w = _watch(browser, stack.gateway_url, PHONE, touch=True)
    try:
        page = chat_in(w, locales, code)
        open_card(page)
        page.locator(".card-open").last.tap()
        full = page.locator(".card-full")
        expect(full).to_be_visible()
        full.locator(".card-line").first.tap()  # one tap anywhere on the card closes it
        expect(full).to_have_count(0)
        page.locator(".card-open").last.tap()
        page.locator(".card-close").tap()
        expect(full).to_have_count(0)
        assert not w.page_errors and not w.console_errors
    finally:
        w.context.close()


def test_quick_exit_still_leaves_while_the_card_is_open(watched: Watched, locales: dict[str, Any]) -> None:
    page = open_chat(watched, locales)
    exit_url = locales["quick_exit_url"]
    _stub_exit(page, exit_url)
    open_card(page)
    page.locator(".card-open").last.click()
    expect(page.locator(".card-full")).to_be_visible()
    page.keyboard.press("Escape")  # focus is on the card's Close button
    page.wait_for_url(lambda url: url.startswith(exit_url))
    assert page.locator(".card-line").count() == 0
