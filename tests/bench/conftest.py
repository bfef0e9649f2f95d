"""Prints the goal table (tests/bench/results.py) once at the end of `make bench`."""

from tests.bench import results


def pytest_terminal_summary(terminalreporter):
    rows = list(results.rows())
    width = max(len(goal) for goal, _, _ in rows)
    measured_width = min(70, max(len(measured) for _, measured, _ in rows))
    write = terminalreporter.write_line
    write("")
    write("Issue 13 goals, measured in this run")
    write(f"{'goal':<{width}} | {'measured':<{measured_width}} | met?")
    write(f"{'-' * width}-+-{'-' * measured_width}-+-----")
    for goal, measured, met in rows:
        write(f"{goal:<{width}} | {measured:<{measured_width}} | {met}")
