"""`python -m rasa_ext.launch rasa|actions ...`: how the supervisor starts the Rasa server and the action server.

- Secrets come from the environment, never the command line (`ps` shows every user a command line):
  Rasa's API token is read from LANTERN_RASA_API_TOKEN here and handed to Rasa inside this process.
- Both servers bind to loopback only (an engine host's Rasa workers: the private interface named by
  LANTERN_RASA_BIND, which the supervisor passes as --interface), and their logs hold no user text
  (rasa_ext/log_privacy.py): the Rasa server installs that from its tracker store when it starts; the
  action server from here, once rasa_sdk has set up its logging.
"""

from __future__ import annotations

import argparse
import os
import sys

from rasa_ext import log_privacy

LOOPBACK = "127.0.0.1"


def endpoints_file(redis_url: str) -> str:
    """In memory by default; with LANTERN_REDIS_URL, the trackers and locks every worker shares."""
    return "endpoints.redis.yml" if redis_url else "endpoints.yml"


def rasa_argv(port: int, model: str, token: str, redis_url: str = "", interface: str = LOOPBACK) -> list[str]:
    """Rasa's own command line; its HTTP API stays off unless a token protects it."""
    argv = ["rasa", "run", "--interface", interface, "--port", str(port), "--model", model]
    argv += ["--endpoints", endpoints_file(redis_url), "--credentials", "credentials.yml"]
    return argv + (["--enable-api", "--auth-token", token] if token else [])


def run_rasa(port: int, model: str, interface: str = LOOPBACK) -> None:
    os.environ["FORCE_JSON_LOGGING"] = "1"  # structured events, so log_privacy can drop their fields
    from rasa.__main__ import main

    token = os.environ.pop("LANTERN_RASA_API_TOKEN", "").strip()
    sys.argv = rasa_argv(port, model, token, os.environ.get("LANTERN_REDIS_URL", "").strip(), interface)
    main()


def run_actions(port: int) -> None:
    os.environ["SANIC_HOST"] = LOOPBACK
    from rasa_sdk import utils
    from rasa_sdk.endpoint import create_argument_parser, run

    args = create_argument_parser().parse_args(["--actions", "actions", "--port", str(port)])
    utils.configure_colored_logging(args.loglevel)
    utils.update_sanic_log_level()
    log_privacy.install()
    run(args.actions, args.port, args.cors, args.ssl_certificate, args.ssl_keyfile, args.ssl_password)


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="python -m rasa_ext.launch", description=__doc__)
    parser.add_argument("server", choices=("rasa", "actions"))
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--model", help="the trained model (rasa only)")
    parser.add_argument("--interface", default=LOOPBACK, help="where Rasa listens (rasa only; loopback by default)")
    args = parser.parse_args(argv)
    if args.server == "rasa":
        if not args.model:
            parser.error("rasa needs --model")
        run_rasa(args.port, args.model, args.interface)
    else:
        run_actions(args.port)


if __name__ == "__main__":
    main(sys.argv[1:])
