"""Imported once by the local process pool's fork server (see executor.py).

Every pool worker is forked from that server, so each starts with the language model and the
second reader already loaded, instead of spending a second or two loading its own copy.
"""

from .work import warm_up

warm_up()
