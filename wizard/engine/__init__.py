"""The wizard's rule engine: answers in, next question or result out (standard library only).

Runs unchanged on CPython and under Pyodide; takes an already-loaded bundle (a dict), does no I/O.
"""
from .engine import Engine

__all__ = ["Engine"]
