"""Runs the browser tests in a chosen order, to show that no test depends on another having run before it.

    python3 Tests/Browser/run_order.py [--seed N | --reverse | --default] [--list] [NAME ...]

NAME is a module (test_kiosk), a class (test_kiosk.ScreenSizes) or a test id; without names every test_*.py of this
folder. The order is permuted at each level: the modules, the classes of a module, the tests of a class. A class's
tests stay together, so a shared setUpClass or setUpModule (read-only by rule, README.md) still runs once.
--seed N shuffles with random.Random(N); without an option the seed is BROWSER_TEST_SEED, else a fresh one. The seed
and the order are printed first, so a failing order can be run again exactly; --reverse runs every level backwards,
--default in unittest's own (alphabetical) order; --list only prints the order.
"""

import argparse
import os
import random
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))


def flatten(suite: unittest.TestSuite) -> list[unittest.TestCase]:
    tests = []
    for item in suite:
        if isinstance(item, unittest.TestSuite):
            tests += flatten(item)
        else:
            tests.append(item)
    return tests


def grouped(tests: list[unittest.TestCase]) -> dict[str, dict[str, list[unittest.TestCase]]]:
    """Module -> class -> tests, in the order given."""
    groups: dict[str, dict[str, list[unittest.TestCase]]] = {}
    for test in tests:
        kind = type(test)
        groups.setdefault(kind.__module__, {}).setdefault(kind.__qualname__, []).append(test)
    return groups


def ordered(tests: list[unittest.TestCase], arrange) -> list[unittest.TestCase]:
    """The tests with `arrange` applied to the modules, to each module's classes and to each class's tests."""
    result = []
    groups = grouped(tests)
    for module in arrange(list(groups)):
        classes = groups[module]
        for name in arrange(list(classes)):
            result += arrange(list(classes[name]))
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description="Run the browser tests in a reproducible order.")
    choice = parser.add_mutually_exclusive_group()
    choice.add_argument("--seed", type=int, help="shuffle with this seed (default: BROWSER_TEST_SEED, else a fresh one)")
    choice.add_argument("--reverse", action="store_true", help="run every level in reverse order")
    choice.add_argument("--default", action="store_true", help="run in unittest's own order")
    parser.add_argument("--list", action="store_true", help="print the order only")
    parser.add_argument("names", nargs="*", help="modules, classes or test ids (default: every test_*.py here)")
    options = parser.parse_args()

    sys.path.insert(0, HERE)
    loader = unittest.TestLoader()
    if options.names:
        suite = loader.loadTestsFromNames(options.names)
    else:
        suite = loader.discover(start_dir=HERE, pattern="test_*.py", top_level_dir=HERE)
    tests = flatten(suite)

    if options.reverse:
        description = "reverse order"
        tests = ordered(tests, lambda items: items[::-1])
    elif options.default:
        description = "unittest's order"
    else:
        seed = options.seed
        if seed is None:
            seed = int(os.environ.get("BROWSER_TEST_SEED") or random.SystemRandom().randrange(1 << 32))
        description = f"an order shuffled with seed {seed} (again: BROWSER_TEST_SEED={seed} scripts/browser-tests.sh)"
        generator = random.Random(seed)

        def shuffle(items: list) -> list:
            generator.shuffle(items)
            return items
        tests = ordered(tests, shuffle)

    print(f"Browser tests in {description}:", flush=True)
    for number, test in enumerate(tests, 1):
        print(f"  {number:3}. {test.id()}", flush=True)
    if options.list:
        return 0
    result = unittest.TextTestRunner(verbosity=2).run(unittest.TestSuite(tests))
    print(f"Browser tests ran in {description}", flush=True)
    return 0 if result.wasSuccessful() else 1


if __name__ == "__main__":
    sys.exit(main())
