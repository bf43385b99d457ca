"""The tally of a test script's checks (scripts/test_qgis.py, scripts/test_print_maps.py):
`check` counts each check and prints the failures; `summary` prints `N passed, M failed` and
returns the exit status, 1 on a failure."""
passed, failed = 0, 0


def check(condition, what):
    global passed, failed
    if condition:
        passed += 1
    else:
        failed += 1
        print("FAIL:", what)


def summary():
    print(f"{passed} passed, {failed} failed", flush=True)
    return 1 if failed else 0
