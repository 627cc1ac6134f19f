"""`python -m wizard.tooling.enumerate`: walks every path of a rules folder and prints the count,
the questions per path and any broken invariant (wizard/tooling/invariants.py).
"""

import argparse
import sys
import time

from wizard.engine import Engine

from .arguments import add_date_argument, add_rules_argument, date_or_rules_date
from .bundle import compile_rules
from .errors import RuleError
from .invariants import Invariants
from .walk import Enumerator


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m wizard.tooling.enumerate", description=__doc__)
    add_rules_argument(parser)
    add_date_argument(parser, "today's date")
    parser.add_argument(
        "--timing",
        type=int,
        default=500,
        metavar="N",
        help="also time Engine.step on N results spread over all paths (0: skip)",
    )
    args = parser.parse_args(argv)
    args.date = date_or_rules_date(args)
    today = args.date.isoformat()
    try:
        compiled = compile_rules(args.rules, args.date, deep=False)
    except RuleError as exc:
        for problem in exc.problems:
            print(problem)
        return 1
    engine = Engine(compiled.bundle)
    enumerator = Enumerator(engine, today)
    invariants = Invariants(engine)
    started = time.perf_counter()
    total = ended = 0
    outcomes = {}
    samples = []
    for leaf in enumerator.walk():
        total += 1
        invariants.observe(leaf)
        if args.timing and total % 97 == 1:
            samples.append(engine.flow.raw_answers(leaf.values))
        if leaf.decision.primary is None:
            ended += 1
        for outcome in leaf.outcomes():
            outcomes[outcome] = outcomes.get(outcome, 0) + 1
    seconds = time.perf_counter() - started
    print(
        "%d paths enumerated in %.2f s (as of %s; %d nationality classes)"
        % (total, seconds, today, len(enumerator.nationality_reps))
    )
    print("paths without a matching route: %d" % ended)
    print("outcomes reached: %d of %d" % (len(outcomes), len(engine.bundle["outcomes"])))
    (median, most), (seq_median, seq_most), sequences = invariants.question_stats()
    print("questions per path: median %g, max %d (over all %d paths)" % (median, most, total))
    print(
        "questions per journey: median %g, max %d (over %d distinct question sequences)"
        % (seq_median, seq_most, sequences)
    )
    print("invariant violations: %d" % len(invariants.problems))
    for kind, oid, values in invariants.problems[:20]:
        print("  %s: %s: %s" % (oid, kind, "&".join("%s=%s" % kv for kv in engine.flow.raw_answers(values).items())))
    if args.timing and samples:
        step = max(1, len(samples) // args.timing)
        times = []
        for i, answers in enumerate(samples[::step][: args.timing]):
            lang = engine.languages[i % len(engine.languages)]
            started = time.perf_counter()
            engine.step(answers, lang, today)
            times.append(time.perf_counter() - started)
        times.sort()
        print(
            "Engine.step per result: median %.2f ms, p95 %.2f ms (%d results, en and zh)"
            % (times[len(times) // 2] * 1000, times[int(len(times) * 0.95)] * 1000, len(times))
        )
    return 0 if ended == 0 and not invariants.problems else 1


if __name__ == "__main__":
    sys.exit(main())
