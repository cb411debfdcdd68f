"""What the gateway remembers over time, driven by a fake clock: session time-to-live and the one-minute rate window."""

from __future__ import annotations

from bot.channels.rate_limit import RateLimiter
from bot.turn.sessions import SessionStore
from tests.fake_clock import FakeClock


def test_a_session_used_within_the_ttl_keeps_its_state() -> None:
    clock = FakeClock()
    sessions = SessionStore(ttl_seconds=1800, clock=clock)
    state = sessions.get("we-abc")
    state.language, state.region = "fr", "HR"
    clock.advance(1799)
    again = sessions.get("we-abc")
    assert (again.language, again.region) == ("fr", "HR")
    clock.advance(1799)  # each use restarts the idle time
    assert sessions.get("we-abc").language == "fr"


def test_a_session_idle_longer_than_the_ttl_starts_fresh() -> None:
    clock = FakeClock()
    sessions = SessionStore(ttl_seconds=1800, clock=clock)
    sessions.get("we-abc").language = "fr"
    clock.advance(1800.5)
    fresh = sessions.get("we-abc")
    assert fresh.language is None and fresh.language_explicit is False and fresh.region is None


def test_idle_sessions_are_swept_from_memory() -> None:
    clock = FakeClock()
    sessions = SessionStore(ttl_seconds=100, clock=clock)
    for key in ("we-a", "we-b", "we-c"):
        sessions.get(key)
    clock.advance(50)
    sessions.get("we-b")
    clock.advance(70)  # a and c idle 120 s, b 70 s
    sessions.get("we-d")
    assert len(sessions) == 4  # nothing is swept on access: the app's timer sweeps
    assert sessions.sweep() == 2
    assert len(sessions) == 2  # b and d


def test_forget_drops_only_that_session() -> None:
    sessions = SessionStore(ttl_seconds=100, clock=FakeClock())
    sessions.get("we-a").language = "ar"
    sessions.get("we-b").language = "ru"
    sessions.forget("we-a")
    sessions.forget("we-never-seen")
    assert sessions.get("we-a").language is None
    assert sessions.get("we-b").language == "ru"


def test_the_limiter_allows_its_quota_per_sliding_minute() -> None:
    clock = FakeClock()
    limiter = RateLimiter(3, clock=clock)
    assert [limiter.allow("k") for _ in range(4)] == [True, True, True, False]
    assert limiter.allow("other") is True  # keys are independent
    clock.advance(59.9)
    assert limiter.allow("k") is False
    clock.advance(0.1)  # the first three hits are now 60 s old
    assert [limiter.allow("k") for _ in range(4)] == [True, True, True, False]


def test_refused_hits_do_not_extend_the_window() -> None:
    clock = FakeClock()
    limiter = RateLimiter(2, clock=clock)
    limiter.allow("k")
    clock.advance(30)
    limiter.allow("k")
    clock.advance(20)
    assert limiter.allow("k") is False  # at 50 s: two hits in the window
    clock.advance(10)
    assert limiter.allow("k") is True  # at 60 s the first hit left; the refused one never counted
    assert limiter.allow("k") is False
