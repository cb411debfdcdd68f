/* Lantern web chat. Privacy rules (DESIGN.md, Principles 2 and 3):
 * - the session id lives only in this closure: no cookies, no localStorage/sessionStorage, no service worker;
 * - every request goes to this origin (the CSP enforces it too);
 * - text from the person and from the bot is only ever set with textContent;
 * - Quick exit (button or Esc) empties the page and replaces it in history, so Back does not return here.
 */
(function () {
  "use strict";

  var TIMEOUT_MS = 30000;
  // Where Quick exit goes until /api/locales names the operator's choice (LANTERN_QUICK_EXIT_URL).
  var DEFAULT_EXIT_URL = "https://www.bbc.co.uk/weather";
  var MAX_CHARS = 2000;

  function $(id) { return document.getElementById(id); }

  var el = {
    root: document.documentElement,
    heading: $("heading"),
    exit: $("exit"),
    hint: $("exit-hint"),
    languageLabel: $("language-label"),
    language: $("language"),
    forget: $("forget"),
    intro: $("intro"),
    log: $("log"),
    status: $("status"),
    form: $("composer"),
    inputLabel: $("input-label"),
    input: $("input"),
    send: $("send")
  };

  var state = {
    sid: newSessionId(),
    generation: 0,        // bumped by "forget": replies of an older generation are dropped
    started: false,       // something was sent in this session
    locales: {},          // code -> {native_name, direction, ui}
    order: [],
    defaultCode: "en",
    code: "en",           // language the page is labelled in
    pending: null,        // explicit choice to send with the next message
    chosen: null,         // the last explicit choice (re-sent after "forget")
    exitUrl: DEFAULT_EXIT_URL,
    ttlMinutes: 30,       // replaced by the server's LANTERN_SESSION_TTL_MINUTES (GET /api/locales)
    leaving: false,
    queue: Promise.resolve(),
    typing: null
  };

  function newSessionId() {
    var bytes = new Uint8Array(18);
    window.crypto.getRandomValues(bytes);
    var out = "";
    for (var i = 0; i < bytes.length; i++) {
      out += (bytes[i] < 16 ? "0" : "") + bytes[i].toString(16);
    }
    return "w" + out;  // 37 characters of [0-9a-z]
  }

  /* ---------- quick exit ---------- */

  function wipe() {
    closeCard();
    el.log.textContent = "";
    el.input.value = "";
    el.status.textContent = "";
  }

  function quickExit(event) {
    if (event) {
      event.preventDefault();
      event.stopPropagation();
    }
    var url = state.exitUrl;
    var sid = state.sid;
    var erase = state.started && !state.leaving;
    state.leaving = true;
    state.generation++;
    wipe();
    document.title = "";
    if (document.body) { document.body.textContent = ""; }
    if (erase && navigator.sendBeacon) {
      try {  // best effort: erase the conversation on the server too (same origin)
        navigator.sendBeacon("/api/chat", JSON.stringify({ session_id: sid, text: "/forget_me" }));
      } catch (e) { /* leaving anyway */ }
    }
    window.location.replace(url);
  }

  function onKeyDown(event) {
    if (event.key === "Escape" || event.key === "Esc" || event.keyCode === 27) {
      quickExit(event);
    }
  }

  el.exit.addEventListener("click", quickExit);
  document.addEventListener("keydown", onKeyDown, true);
  // If the browser keeps this page in memory when it is left some other way, keep no conversation in it.
  window.addEventListener("pagehide", function () {
    if (state.started && !state.leaving && navigator.sendBeacon) {
      try {  // closing the tab or leaving: ask the server to erase the conversation now
        navigator.sendBeacon("/api/chat", JSON.stringify({ session_id: state.sid, text: "/forget_me" }));
      } catch (e) { /* leaving anyway */ }
    }
    state.generation++;
    wipe();
  });

  /* ---------- labels and direction ---------- */

  function ui(key) {
    var loc = state.locales[state.code];
    var fallback = state.locales[state.defaultCode];
    var value = null;
    if (loc && loc.ui && typeof loc.ui[key] === "string" && loc.ui[key]) {
      value = loc.ui[key];
    } else if (fallback && fallback.ui && typeof fallback.ui[key] === "string") {
      value = fallback.ui[key];
    }
    // {minutes}: how long an idle conversation is kept, as the server says (LANTERN_SESSION_TTL_MINUTES).
    return value === null ? null : value.split("{minutes}").join(String(state.ttlMinutes));
  }

  function setText(node, key) {
    var value = ui(key);
    if (value !== null) { node.textContent = value; }
  }

  function setDirection(direction) {
    var dir = direction === "rtl" ? "rtl" : "ltr";
    el.root.setAttribute("dir", dir);
    el.log.setAttribute("dir", dir);
  }

  function applyLanguage(code) {
    if (!state.locales[code]) { return; }
    state.code = code;
    el.root.setAttribute("lang", code);
    var title = ui("title");
    if (title !== null) { document.title = title; }
    setText(el.heading, "heading");
    setText(el.exit, "quick_exit");
    setText(el.hint, "quick_exit_hint");
    setText(el.languageLabel, "language");
    setText(el.forget, "forget");
    setText(el.intro, "intro");
    setText(el.inputLabel, "input_label");
    setText(el.send, "send");
    var placeholder = ui("input_placeholder");
    if (placeholder !== null) { el.input.setAttribute("placeholder", placeholder); }
    var logLabel = ui("messages_label");
    if (logLabel !== null) { el.log.setAttribute("aria-label", logLabel); }
    if (el.language.value !== code) { el.language.value = code; }
  }

  function preferredLanguage() {
    var wanted = navigator.languages || [navigator.language || ""];
    for (var i = 0; i < wanted.length; i++) {
      var primary = String(wanted[i] || "").toLowerCase().split("-")[0];
      if (state.locales[primary]) { return primary; }
    }
    return state.defaultCode;
  }

  function loadLocales() {
    return fetch("/api/locales", { credentials: "omit", cache: "no-store" })
      .then(function (resp) {
        if (!resp.ok) { throw new Error("locales " + resp.status); }
        return resp.json();
      })
      .then(function (data) {
        if (!data || !Array.isArray(data.languages) || !data.languages.length) { return; }
        if (typeof data.quick_exit_url === "string" && /^https?:\/\//i.test(data.quick_exit_url)) {
          state.exitUrl = data.quick_exit_url;
        }
        if (typeof data.session_ttl_minutes === "number" && data.session_ttl_minutes > 0) {
          state.ttlMinutes = Math.round(data.session_ttl_minutes * 10) / 10;
        }
        state.locales = {};
        state.order = [];
        el.language.textContent = "";
        data.languages.forEach(function (lang) {
          if (!lang || typeof lang.code !== "string") { return; }
          state.locales[lang.code] = lang;
          state.order.push(lang.code);
          var option = document.createElement("option");
          option.value = lang.code;
          option.textContent = String(lang.native_name || lang.code);
          option.setAttribute("lang", lang.code);
          option.setAttribute("dir", lang.direction === "rtl" ? "rtl" : "ltr");
          el.language.appendChild(option);
        });
        if (typeof data["default"] === "string" && state.locales[data["default"]]) {
          state.defaultCode = data["default"];
        } else {
          state.defaultCode = state.order[0];
        }
        if (!state.started) {
          var code = preferredLanguage();
          applyLanguage(code);
          setDirection(state.locales[code].direction);
        } else {
          applyLanguage(state.code in state.locales ? state.code : state.defaultCode);
        }
      })
      .catch(function () { /* the page keeps its built-in English labels and still works */ });
  }

  el.language.addEventListener("change", function () {
    var code = el.language.value;
    if (!state.locales[code]) { return; }
    state.pending = code;
    state.chosen = code;
    applyLanguage(code);
    setDirection(state.locales[code].direction);
  });

  /* ---------- the conversation ---------- */

  function scrollToEnd() {
    el.log.scrollTop = el.log.scrollHeight;
  }

  function addUser(text) {
    var p = document.createElement("p");
    p.className = "msg msg-user";
    p.setAttribute("dir", "auto");
    p.textContent = text;
    el.log.appendChild(p);
    scrollToEnd();
  }

  /* Phone numbers must read left to right in every script: in Arabic or Persian text the digit groups
   * of a helpline number would otherwise be laid out in reverse order. Each number becomes an isolated
   * LTR run (<bdi dir="ltr">); everything is still set as text, never parsed as HTML. */
  var NUMBER_RUN = /\+?\d(?:[\d\u00a0 \-]*\d)?/g;

  function appendWithNumbers(node, text) {
    var last = 0;
    var match;
    NUMBER_RUN.lastIndex = 0;
    while ((match = NUMBER_RUN.exec(text)) !== null) {
      if (match.index > last) { node.appendChild(document.createTextNode(text.slice(last, match.index))); }
      var run = document.createElement("bdi");
      run.setAttribute("dir", "ltr");
      run.textContent = match[0];
      node.appendChild(run);
      last = match.index + match[0].length;
    }
    if (last < text.length) { node.appendChild(document.createTextNode(text.slice(last))); }
  }

  /* A directory number as a link: its target comes from the server (the directory's digits), never from
   * the text. Only tel:/sms: targets made of digits become links; anything else stays text. */
  var LINK_TARGET = /^(tel|sms):\+?[0-9]{2,20}$/;
  var nextId = 0;

  function newId(prefix) {
    nextId += 1;
    return prefix + nextId;
  }

  function label(key, number) {
    var value = ui(key);
    return value === null ? null : value.split("{number}").join(number);
  }

  /* Appends the text's parts to `node`; returns the caution note's id when a link needs it, else null. */
  function appendParts(node, parts) {
    var cautionId = null;
    parts.forEach(function (part) {
      if (!part || typeof part.text !== "string") { return; }
      if (typeof part.href !== "string" || !LINK_TARGET.test(part.href)) {
        appendWithNumbers(node, part.text);
        return;
      }
      var link = document.createElement("a");
      link.className = "num";
      link.href = part.href;
      link.setAttribute("dir", "ltr");
      link.textContent = part.text;
      var name = label(part.kind === "text" ? "text_link" : "call_link", part.text);
      if (name !== null) { link.setAttribute("aria-label", name); }
      if (part.on_bills === false) {
        var quiet = ui("call_not_on_bill");
        if (quiet !== null) {
          var note = document.createElement("span");
          note.className = "visually-hidden";
          note.id = newId("nb");
          note.textContent = quiet;
          link.title = quiet;
          link.setAttribute("aria-describedby", note.id);
          node.appendChild(link);
          node.appendChild(note);
          return;
        }
      } else if (part.urgent !== true) {
        cautionId = cautionId || newId("caution");
        link.setAttribute("aria-describedby", cautionId);
      }
      node.appendChild(link);
    });
    return cautionId;
  }

  function addCaution(id, direction) {
    var text = ui("call_caution");
    if (text === null) { return; }
    var note = document.createElement("p");
    note.className = "msg-note";
    note.id = id;
    note.setAttribute("lang", state.code);
    note.setAttribute("dir", direction);
    note.textContent = text;
    el.log.appendChild(note);
  }

  /* ---------- the interpreter card ---------- */

  var card = { overlay: null, opener: null };

  function cardLines(lines, className) {
    var box = document.createElement("div");
    box.className = className;
    lines.forEach(function (line) {
      if (!line || typeof line.text !== "string") { return; }
      var p = document.createElement("p");
      p.className = "card-line";
      if (typeof line.language === "string") { p.setAttribute("lang", line.language); }
      p.setAttribute("dir", line.direction === "rtl" ? "rtl" : "ltr");
      p.textContent = line.text;
      box.appendChild(p);
    });
    return box;
  }

  /* While the card is full screen, the page behind it takes no focus, taps or screen-reader reading. */
  function setPageInert(on) {
    [document.querySelector(".bar"), el.form, document.querySelector(".main")].forEach(function (node) {
      if (!node) { return; }
      if (on) {
        node.setAttribute("inert", "");
        node.setAttribute("aria-hidden", "true");
      } else {
        node.removeAttribute("inert");
        node.removeAttribute("aria-hidden");
      }
    });
  }

  function closeCard() {
    if (!card.overlay) { return; }
    if (card.overlay.parentNode) { card.overlay.parentNode.removeChild(card.overlay); }
    card.overlay = null;
    setPageInert(false);
    if (card.opener && document.body.contains(card.opener)) { card.opener.focus(); }
    card.opener = null;
  }

  /* Full screen, large text; one tap anywhere closes it, and so does its Close button (focused, so Enter
   * or Space closes it from the keyboard). Esc stays Quick exit, as everywhere on this page. */
  function openCard(lines, opener) {
    closeCard();
    var overlay = document.createElement("div");
    overlay.className = "card-full";
    overlay.setAttribute("role", "dialog");
    overlay.setAttribute("aria-modal", "true");
    var name = ui("card_label");
    if (name !== null) { overlay.setAttribute("aria-label", name); }
    overlay.appendChild(cardLines(lines, "card-full-lines"));
    var close = document.createElement("button");
    close.type = "button";
    close.className = "card-close";
    close.textContent = ui("card_close") || "Close";
    overlay.appendChild(close);
    overlay.addEventListener("click", function (event) {
      event.preventDefault();
      closeCard();
    });
    overlay.addEventListener("keydown", function (event) {
      if (event.key === "Tab") {  // focus stays on Close while the card is shown
        event.preventDefault();
        close.focus();
      }
    });
    setPageInert(true);
    card.overlay = overlay;
    card.opener = opener;
    document.body.appendChild(overlay);
    close.focus();
  }

  function addCard(message, lines, language, direction) {
    var text = typeof message.text === "string" ? message.text : "";
    var first = lines.length && typeof lines[0].text === "string" ? text.indexOf(lines[0].text) : -1;
    var intro = (first > 0 ? text.slice(0, first) : "").trim();
    if (intro) {
      var p = document.createElement("p");
      p.className = "msg msg-bot";
      p.setAttribute("lang", language);
      p.setAttribute("dir", direction);
      p.textContent = intro;
      el.log.appendChild(p);
    }
    var box = cardLines(lines, "msg card");
    box.setAttribute("role", "group");
    var name = ui("card_label");
    if (name !== null) { box.setAttribute("aria-label", name); }
    el.log.appendChild(box);
    var group = document.createElement("div");
    group.className = "chips";
    var open = document.createElement("button");
    open.type = "button";
    open.className = "chip card-open";
    open.textContent = ui("card_open") || "Show full screen";
    open.addEventListener("click", function () { openCard(lines, open); });
    group.appendChild(open);
    el.log.appendChild(group);
  }

  function addBot(message, language, direction) {
    var text = typeof message.text === "string" ? message.text : "";
    var lines = Array.isArray(message.card) ? message.card : [];
    var cautionId = null;
    if (lines.length) {
      addCard(message, lines, language, direction);
    } else if (text) {
      var p = document.createElement("p");
      p.className = "msg msg-bot";
      p.setAttribute("lang", language);
      p.setAttribute("dir", direction);
      if (Array.isArray(message.parts) && message.parts.length) {
        cautionId = appendParts(p, message.parts);
      } else {
        appendWithNumbers(p, text);
      }
      el.log.appendChild(p);
      if (cautionId) { addCaution(cautionId, direction); }
    }
    var buttons = Array.isArray(message.buttons) ? message.buttons : [];
    if (buttons.length) {
      var group = document.createElement("div");
      group.className = "chips";
      group.setAttribute("lang", language);
      group.setAttribute("dir", direction);
      buttons.forEach(function (b) {
        if (!b || typeof b.title !== "string" || !b.title) { return; }
        var payload = typeof b.payload === "string" && b.payload ? b.payload : b.title;
        var chip = document.createElement("button");
        chip.type = "button";
        chip.className = "chip";
        chip.textContent = b.title;
        chip.addEventListener("click", function () { send(payload, b.title); });
        group.appendChild(chip);
      });
      if (group.childNodes.length) { el.log.appendChild(group); }
    }
    scrollToEnd();
  }

  function addError() {
    var p = document.createElement("p");
    p.className = "msg msg-error";
    // The numbers come from the page's own data (GET /api/locales), loaded before the chat could fail.
    var loc = state.locales[state.code] || state.locales[state.defaultCode];
    var numbers = loc && typeof loc.safety_net === "string" ? loc.safety_net : "";
    p.textContent = [ui("error_network") ||
      "Lantern could not be reached. If you are in danger, call the emergency number.", numbers]
      .filter(Boolean).join("\n");
    el.log.appendChild(p);
    scrollToEnd();
  }

  function showTyping(on) {
    if (on && !state.typing) {
      state.typing = document.createElement("div");
      state.typing.className = "typing";
      state.typing.setAttribute("aria-hidden", "true");
      state.typing.textContent = "\u2022\u2022\u2022";
      el.log.appendChild(state.typing);
      scrollToEnd();
    } else if (!on && state.typing) {
      if (state.typing.parentNode) { state.typing.parentNode.removeChild(state.typing); }
      state.typing = null;
    }
  }

  /* POST /api/chat; resolves to the parsed 200 reply, or null on any failure. */
  function post(body) {
    var controller = typeof AbortController === "function" ? new AbortController() : null;
    var timer = controller ? setTimeout(function () { controller.abort(); }, TIMEOUT_MS) : null;
    return fetch("/api/chat", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
      credentials: "omit",
      cache: "no-store",
      signal: controller ? controller.signal : undefined
    })
      .then(function (resp) {
        if (resp.status !== 200) { return null; }
        return resp.json();
      })
      .then(function (reply) {
        return reply && Array.isArray(reply.messages) ? reply : null;
      })
      .catch(function () { return null; })
      .then(function (reply) {
        if (timer) { clearTimeout(timer); }
        return reply;
      });
  }

  function showReply(reply) {
    var code = typeof reply.language === "string" && state.locales[reply.language] ? reply.language : state.code;
    var direction = reply.direction === "rtl" ? "rtl" : "ltr";
    if (!state.pending) {  // a choice made while this reply was on its way keeps the page's labels
      applyLanguage(code);
      setDirection(direction);
    }
    reply.messages.forEach(function (m) {
      if (m && typeof m === "object") { addBot(m, code, direction); }
    });
  }

  function send(text, shown) {
    if (state.leaving) { return; }
    text = String(text || "").trim();
    if (!text) { return; }
    if (text.length > MAX_CHARS) { text = text.slice(0, MAX_CHARS); }
    el.status.textContent = "";
    addUser(shown || text);
    state.started = true;
    var body = { session_id: state.sid, text: text };
    var language = state.pending;
    if (language) {
      body.language = language;
      state.pending = null;
    }
    var generation = state.generation;
    state.queue = state.queue.then(function () {
      if (generation !== state.generation) { return null; }
      showTyping(true);
      return post(body).then(function (reply) {
        showTyping(false);
        if (generation !== state.generation) { return; }
        if (reply) {
          showReply(reply);
        } else {
          if (language && !state.pending) { state.pending = language; }  // try the choice again next time
          addError();
        }
      });
    }).catch(function () {
      showTyping(false);
      addError();
    });
  }

  function showForgetOutcome(key) {
    var parts = [ui(key), ui("private_window")].filter(function (t) { return t !== null; });
    el.status.textContent = parts.join(" ");
  }

  function forget() {
    if (state.leaving) { return; }
    var oldSid = state.sid;
    var hadConversation = state.started;
    state.generation++;
    state.sid = newSessionId();
    state.started = false;
    state.pending = state.chosen;  // the server forgets the choice with the conversation
    showTyping(false);
    wipe();
    if (!hadConversation) {
      showForgetOutcome("forgotten");
      return;
    }
    var generation = state.generation;
    state.queue = state.queue.then(function () {
      return post({ session_id: oldSid, text: "/forget_me" }).then(function (reply) {
        if (generation !== state.generation) { return; }
        // "Erased" only when the server confirms it; otherwise say when it will be, which is true either way.
        showForgetOutcome(reply && reply.forgotten === true ? "forgotten" : "forget_pending");
        if (!reply) { addError(); }
      });
    }).catch(function () { addError(); });
  }

  el.forget.addEventListener("click", forget);

  el.form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = el.input.value;
    if (!text.trim()) {
      el.input.focus();
      return;
    }
    el.input.value = "";
    send(text);
  });

  loadLocales();
})();
