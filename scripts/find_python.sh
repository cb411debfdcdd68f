#!/usr/bin/env bash
# Prints the path of a Python 3.10 interpreter (Rasa 3.6 refuses 3.11+): $PYTHON, then PATH, then pyenv.
set -u
is310() { "$1" -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 10) else 1)' 2>/dev/null; }
for cand in "${PYTHON:-}" python3.10 python3 python; do
  [ -n "$cand" ] || continue
  path=$(command -v "$cand" 2>/dev/null) || continue
  if is310 "$path"; then echo "$path"; exit 0; fi
done
root="${PYENV_ROOT:-$HOME/.pyenv}"
for path in $(ls -d "$root"/versions/3.10*/bin/python3.10 2>/dev/null | sort -rV); do
  if is310 "$path"; then echo "$path"; exit 0; fi
done
cat >&2 <<'MSG'
Lantern needs Python 3.10 (Rasa 3.6 does not run on 3.11 or newer), and none was found
on PATH or under pyenv. Install it, for example:
    pyenv install 3.10.13        (or: apt-get install python3.10 python3.10-venv)
then run the command again, or point PYTHON at it: PYTHON=/path/to/python3.10 make run
MSG
exit 1
